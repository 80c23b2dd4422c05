// One highlights run (#/highlights/{id}): a bar per pipeline step (polled while it runs), the original with its chapters
// and transcript (a click seeks the player), a card per clip (player, score, reasons, title, in/out editing that re-renders
// that clip only) and the downloads. Test hooks: .hl-step[data-step][data-state][data-percent], #hl-source,
// .hl-sentence[data-start], .hl-clip[data-clip-id][data-status][data-revision], .hl-clip video, .hl-out, .hl-rerender,
// .hl-download[data-name].
import { api, isAbort } from '../../js/api.js';
import { el, replace } from '../../js/dom.js';
import { duration } from '../../js/format.js';
import { can } from '../../js/session.js';
import { progressWidget, showError, statusBadge, updateProgress } from '../../js/ui.js';

const POLL_MS = 1500;

export function mount(root, { params }) {
  const aborter = new AbortController();
  const id = params.id;
  let timer = null;
  document.title = 'Highlights · Gilgamesh';
  const header = el('header', { class: 'page-header' }, el('h1', {}, 'Highlights'));
  const steps = el('section', { class: 'panel hl-steps' }, el('h2', {}, 'Steps'));
  const source = el('video', { id: 'hl-source', class: 'player', controls: true, preload: 'metadata', playsinline: true });
  const chapters = el('ol', { class: 'hl-chapters' });
  const transcript = el('div', { class: 'hl-transcript log' });
  const clips = el('div', { class: 'media-grid hl-clips' });
  const downloads = el('ul', { class: 'hl-downloads' });
  const log = el('div', { class: 'log hl-log' });
  root.append(el('a', { class: 'back-link', href: '#/highlights' }, '← Highlights'), header, steps,
    el('section', { class: 'panel' }, el('h2', {}, 'Clips'), clips),
    el('section', { class: 'panel' }, el('h2', {}, 'Lecture'), source, el('h3', {}, 'Chapters'), chapters, el('h3', {}, 'Transcript'), transcript),
    el('section', { class: 'panel' }, el('h2', {}, 'Downloads'), downloads),
    el('section', { class: 'panel' }, el('h2', {}, 'Log'), log));
  const stepBars = new Map();
  const cards = new Map();
  let transcriptLoaded = false;

  function seek(seconds) {
    source.currentTime = seconds;
    source.play?.().catch(() => {});
  }

  async function refresh() {
    try {
      const run = await api.get(`highlights/${encodeURIComponent(id)}`, { signal: aborter.signal });
      replace(header, el('h1', {}, 'Highlights'), statusBadge(run.status));
      if (!source.src && run.sourceUrl) source.src = run.sourceUrl;
      if (run.jobId) await refreshSteps(run.jobId);
      replace(chapters, ...run.chapters.map((c) => el('li', {},
        el('a', { href: '#', class: 'hl-chapter', 'data-start': c.start, onclick: (e) => { e.preventDefault(); seek(c.start); } }, `${duration(c.start)} ${c.title}`))));
      run.clips.forEach((clip) => renderClip(run, clip));
      replace(downloads, ...Object.entries(run.downloads).map(([name, url]) =>
        el('li', {}, el('a', { class: 'hl-download', 'data-name': name, href: url, download: name }, name))));
      replace(log, ...run.log.map((line) => el('div', { class: 'log-line' }, el('span', { class: 'log-message' }, line))));
      if (!transcriptLoaded && run.status === 'succeeded') await loadTranscript(run);
      const busy = run.status === 'queued' || run.status === 'running' || run.clips.some((c) => c.status === 'rendering');
      if (busy) timer = setTimeout(refresh, POLL_MS);
    } catch (error) {
      if (!isAbort(error)) showError(error);
    }
  }

  async function refreshSteps(jobId) {
    const job = await api.get(`jobs/${encodeURIComponent(jobId)}`, { signal: aborter.signal });
    for (const step of [{ ...job, stepName: 'pipeline' }, ...(job.steps ?? [])]) {
      let row = stepBars.get(step.stepName);
      if (!row) {
        row = { widget: progressWidget(), node: null };
        row.node = el('div', { class: 'hl-step', 'data-step': step.stepName }, el('strong', {}, step.stepName), row.widget);
        stepBars.set(step.stepName, row);
        steps.append(row.node);
      }
      updateProgress(row.widget, step);
      row.node.dataset.state = step.status;
      row.node.dataset.percent = String(step.status === 'succeeded' ? 100 : Math.round(step.percent ?? 0));
    }
  }

  async function loadTranscript(run) {
    transcriptLoaded = true;
    const doc = await api.get(`highlights/${encodeURIComponent(run.id)}/downloads/transcript.json`, { signal: aborter.signal });
    replace(transcript, ...doc.sentences.map((s) => el('div', { class: 'log-line hl-sentence', 'data-start': s.start, role: 'button', tabindex: 0,
      onclick: () => seek(s.start), onkeydown: (e) => { if (e.key === 'Enter') seek(s.start); } },
    el('span', { class: 'log-time' }, duration(s.start)), el('span', { class: 'log-message' }, s.text))));
  }

  function renderClip(run, clip) {
    let card = cards.get(clip.id);
    const key = `${clip.status}|${clip.revision}|${clip.videoUrl ? 'v' : ''}`;
    if (card?.dataset.key === key) return;
    const video = clip.videoUrl
      ? el('video', { class: 'player', src: clip.videoUrl, poster: clip.thumbnailUrl, controls: true, preload: 'metadata', playsinline: true },
        ...(clip.subtitlesUrl && run.subtitles === 'soft' ? [el('track', { kind: 'subtitles', src: clip.subtitlesUrl, default: true, srclang: 'en', label: 'Subtitles' })] : []))
      : el('p', { class: 'muted' }, clip.status === 'rendering' ? 'Rendering…' : clip.status);
    const start = el('input', { class: 'hl-in', type: 'number', step: 0.1, value: clip.start.toFixed(2), 'aria-label': 'In (s)' });
    const end = el('input', { class: 'hl-out', type: 'number', step: 0.1, value: clip.end.toFixed(2), 'aria-label': 'Out (s)' });
    const rerender = el('button', { class: 'button hl-rerender', type: 'button', hidden: !can('editor'), onclick: move }, 'Re-render');
    const next = el('article', { class: 'panel hl-clip', 'data-clip-id': clip.id, 'data-status': clip.status, 'data-revision': clip.revision, 'data-key': key },
      el('h3', {}, `#${clip.rank} ${clip.title}`), video,
      el('p', {}, el('strong', {}, `score ${clip.score.toFixed(2)}`), ` · ${duration(clip.start)}–${duration(clip.end)}`),
      el('ul', { class: 'hl-reasons' }, ...clip.reasons.map((r) => el('li', {}, r))),
      el('div', { class: 'inline-form' }, start, end, rerender));
    if (card) card.replaceWith(next); else clips.append(next);
    cards.set(clip.id, next);

    async function move() {
      rerender.disabled = true;
      try {
        await api.patch(`highlights/${encodeURIComponent(run.id)}/clips/${encodeURIComponent(clip.id)}`,
          { body: { start: Number(start.value), end: Number(end.value) } });
        clearTimeout(timer);
        await refresh();
      } catch (error) {
        showError(error);
        rerender.disabled = false;
      }
    }
  }

  refresh();
  return () => { aborter.abort(); clearTimeout(timer); };
}
