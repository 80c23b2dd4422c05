// The encode queue across libraries (GET encode/queue, polled while the page is open): what is encoding with its
// progress, speed (fps) and time left, what is verifying, and what waits.
// Test hooks: #encode-queue li[data-file-id][data-status] .job-progress[data-percent], .queue-fps[data-fps], .queue-eta[data-eta], #encode-queue-empty.
import { api, isAbort } from '../../js/api.js';
import { el, replace } from '../../js/dom.js';
import { duration } from '../../js/format.js';
import { showError } from '../../js/ui.js';
import { fileName, fps } from './encode-format.js';

const ACTIVE_MS = 1000;
const IDLE_MS = 4000;

export function queuePanel(signal, onChange) {
  const list = el('ul', { id: 'encode-queue', class: 'upload-list', 'aria-live': 'polite' });
  const empty = el('p', { id: 'encode-queue-empty', class: 'muted', hidden: true }, 'Nothing queued.');
  const node = el('section', { class: 'panel', 'aria-labelledby': 'encode-queue-title' },
    el('h2', { id: 'encode-queue-title' }, 'Queue'), list, empty);
  let timer = null;
  let previous = '';

  async function refresh() {
    clearTimeout(timer);
    let files = [];
    try {
      files = await api.get('encode/queue', { signal });
      replace(list, files.map(row));
      empty.hidden = files.length > 0;
      // A file that left the queue changed state: the page's file list refreshes too.
      const ids = files.map((f) => `${f.id}:${f.status}`).join(',');
      if (ids !== previous) { previous = ids; onChange?.(); }
    } catch (error) {
      if (!isAbort(error)) showError(error);
    }
    if (!signal.aborted) timer = setTimeout(refresh, files.some((f) => f.status !== 'queued') ? ACTIVE_MS : IDLE_MS);
  }

  refresh();
  return { node, refresh, stop: () => clearTimeout(timer) };
}

function row(file) {
  const percent = Math.round((file.progress ?? 0) * 100);
  const fill = el('div', { class: 'bar-fill' });
  fill.style.width = `${percent}%`;
  const running = file.status !== 'queued';
  return el('li', { class: 'upload', 'data-file-id': file.id, 'data-status': file.status },
    el('a', { class: 'upload-name', href: `#/encode/${encodeURIComponent(file.libraryId)}`, title: file.path }, fileName(file.path)),
    el('div', {
      class: 'job-progress', role: 'progressbar', 'aria-label': `Encode of ${fileName(file.path)}`,
      'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': percent, 'data-percent': percent, 'data-state': running ? 'running' : 'queued',
    }, fill),
    el('span', { class: 'upload-state muted' },
      el('span', { class: 'badge job-status', 'data-status': file.status }, file.status), ' ',
      running ? el('span', { class: 'queue-fps', 'data-fps': file.fps ?? '' }, fps(file.fps)) : null, running ? ' · ' : null,
      file.status === 'encoding'
        ? el('span', { class: 'queue-eta', 'data-eta': file.etaSeconds ?? '' }, file.etaSeconds == null ? 'ETA —' : `ETA ${duration(file.etaSeconds)}`)
        : file.status === 'verifying' ? 'verifying the output' : 'waiting'));
}
