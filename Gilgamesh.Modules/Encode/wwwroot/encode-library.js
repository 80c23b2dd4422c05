// One encode library (#/encode/{id}): its folders and profile, scan, dry run (reasons and a size and time forecast per
// file from sample encodes), start, pause and resume of this library, the files with status and reasons, forecast
// against actual and space saved, retry of a failed, corrupt or kept file. Queue and encoder state as on #/encode.
// Test hooks: #encode-library[data-paused], #encode-scan, #encode-dry-run, #encode-start, #encode-library-pause, #encode-library-resume,
// #encode-forecast[data-planned], #encode-files tr[data-file-id][data-status] (.file-name, .file-reasons, .file-forecast, .file-actual, .file-retry),
// #encode-saved[data-bytes].
import { api, isAbort } from '../../js/api.js';
import { el, replace, setText } from '../../js/dom.js';
import { duration } from '../../js/format.js';
import { can } from '../../js/session.js';
import { showError } from '../../js/ui.js';
import { bytes, change, fileName } from './encode-format.js';
import { queuePanel } from './encode-queue.js';
import { statusPanel } from './encode-status.js';

const RETRYABLE = new Set(['failed', 'corrupt', 'kept-original']);

export function mount(root, { params }) {
  const aborter = new AbortController();
  const signal = aborter.signal;
  const base = `encode/libraries/${encodeURIComponent(params.id)}`;
  document.title = 'Encode library · Gilgamesh';

  const title = el('h1', {}, 'Library');
  const about = el('p', { class: 'muted' });
  const button = (id, text, onclick, primary) => el('button', { id, type: 'button', class: primary ? 'button primary' : 'button', onclick }, text);
  const scan = button('encode-scan', 'Scan', () => run(scan, () => api.post(`${base}/scan`, { signal })));
  const dryRun = button('encode-dry-run', 'Dry run', () => run(dryRun, async () => showForecast(await api.post(`${base}/dry-run`, { signal }))));
  const start = button('encode-start', 'Start', () => run(start, () => api.post(`${base}/start`, { signal })), true);
  const pause = button('encode-library-pause', 'Pause library', () => run(pause, () => api.post(`${base}/pause`, { signal })));
  const resume = button('encode-library-resume', 'Resume library', () => run(resume, () => api.post(`${base}/resume`, { signal })));
  const forecast = el('p', { id: 'encode-forecast', class: 'muted', hidden: true });
  const saved = el('p', { id: 'encode-saved', class: 'muted' });
  const tbody = el('tbody', { id: 'encode-files' });
  const header = el('section', { id: 'encode-library', class: 'panel' },
    el('p', {}, el('a', { class: 'back-link', href: '#/encode' }, '← Encode')), title, about,
    can('editor') ? el('div', { class: 'actions' }, scan, dryRun, start, pause, resume) : null,
    el('p', { class: 'muted' }, 'A dry run scans, then encodes a short sample of each planned file to forecast its size and time; nothing is queued or replaced.'),
    forecast);
  const status = statusPanel(signal, () => loadFiles());
  const queue = queuePanel(signal, () => loadFiles());

  root.append(el('section', { class: 'encode' },
    header,
    el('div', { class: 'home-grid' }, queue.node, status.node),
    el('section', { class: 'panel', 'aria-labelledby': 'encode-files-title' },
      el('h2', { id: 'encode-files-title' }, 'Files'), saved,
      el('div', { class: 'table-wrap' }, el('table', { class: 'data-table' },
        el('thead', {}, el('tr', {}, ['File', 'Status', 'Reasons', 'Size', 'Forecast', 'Actual', 'Encoder', 'SSIM', ''].map((h) => el('th', { scope: 'col' }, h)))),
        tbody)))));

  async function run(control, action) {
    control.disabled = true;
    try {
      await action();
      await Promise.all([loadLibrary(), loadFiles(), queue.refresh()]);
    } catch (error) {
      if (!isAbort(error)) showError(error);
    } finally {
      control.disabled = false;
    }
  }

  function showForecast(result) {
    forecast.hidden = false;
    forecast.dataset.planned = String(result.planned);
    setText(forecast, result.planned === 0 ? 'Dry run: nothing to encode; every file is compliant or already handled.'
      : `Dry run: ${result.planned} file(s) to encode, ${bytes(result.plannedBytes)} now → about ${bytes(result.forecastBytes)} `
        + `(${change(result.plannedBytes, result.forecastBytes)}), about ${duration(result.forecastSeconds)} of encoding.`);
  }

  async function loadLibrary() {
    const library = await api.get(base, { signal });
    document.title = `${library.name} · Encode · Gilgamesh`;
    setText(title, library.name);
    header.dataset.paused = String(library.paused);
    pause.hidden = library.paused;
    resume.hidden = !library.paused;
    const p = library.profile;
    setText(about, [
      library.folders.join(', '),
      `${p.codec} ${p.encoder} q${p.quality}${p.speed ? ` ${p.speed}` : ''}${p.maxHeight ? ` ≤${p.maxHeight}p` : ''}${p.maxBitrateKbps ? ` ≤${p.maxBitrateKbps} kb/s` : ''} ${p.bitDepth}-bit`,
      `min SSIM ${p.thresholds.minSsim}`, library.action,
      library.windowStart ? `window ${library.windowStart}–${library.windowEnd}` : null,
      library.paused ? 'paused' : null,
    ].filter(Boolean).join(' · '));
  }

  async function loadFiles() {
    try {
      const files = await api.get(`${base}/files`, { signal });
      replace(tbody, files.length ? files.map(fileRow) : el('tr', {}, el('td', { colspan: 9, class: 'muted' }, 'No files yet: scan or run a dry run.')));
      const done = files.filter((f) => f.status === 'done' && f.actualBytes != null);
      const savedBytes = done.reduce((total, f) => total + ((f.sourceBytes ?? f.sizeBytes) - f.actualBytes), 0);
      const forecastDone = done.filter((f) => f.forecastBytes != null);
      saved.dataset.bytes = String(savedBytes);
      setText(saved, done.length === 0 ? 'Nothing encoded yet.'
        : `${done.length} encoded, ${bytes(savedBytes)} saved`
          + (forecastDone.length ? `; actual against forecast: ${change(sum(forecastDone, 'forecastBytes'), sum(forecastDone, 'actualBytes'))}` : '') + '.');
    } catch (error) {
      if (!isAbort(error)) showError(error);
    }
  }

  function fileRow(file) {
    const retry = RETRYABLE.has(file.status) && can('editor')
      ? el('button', { type: 'button', class: 'button small file-retry', onclick: () => run(retry, () => api.post(`encode/files/${encodeURIComponent(file.id)}/retry`, { signal })) }, 'Retry')
      : null;
    return el('tr', { 'data-file-id': file.id, 'data-status': file.status },
      el('td', { class: 'file-name', title: file.path }, fileName(file.path)),
      el('td', {}, el('span', { class: 'badge job-status', 'data-status': file.status }, file.status),
        file.attempts ? el('span', { class: 'muted' }, ` · ${file.attempts} attempt(s)`) : null),
      el('td', {}, el('ul', { class: 'file-reasons' }, file.reasons.map((r) => el('li', {}, r)))),
      el('td', {}, file.sourceBytes != null && file.sourceBytes !== file.sizeBytes ? `${bytes(file.sourceBytes)} → ${bytes(file.sizeBytes)}` : bytes(file.sizeBytes)),
      el('td', { class: 'file-forecast' }, file.forecastBytes == null ? '—' : `${bytes(file.forecastBytes)} · ${duration(file.forecastSeconds)}`),
      el('td', { class: 'file-actual' }, file.actualBytes == null ? '—'
        : `${bytes(file.actualBytes)} · ${duration(file.actualSeconds)}${file.forecastBytes ? ` (${change(file.forecastBytes, file.actualBytes)} vs forecast)` : ''}`),
      el('td', {}, file.encoder ?? '—'),
      el('td', {}, file.ssim == null ? '—' : file.ssim.toFixed(4)),
      el('td', { class: 'row-actions' }, retry));
  }

  loadLibrary().catch((error) => { if (!isAbort(error)) showError(error); });
  loadFiles();
  return () => { status.stop(); queue.stop(); aborter.abort(); };
}

function sum(files, key) {
  return files.reduce((total, f) => total + (f[key] ?? 0), 0);
}
