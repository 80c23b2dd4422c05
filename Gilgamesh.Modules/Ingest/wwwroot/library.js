// Media library (#/library): upload zone (drag-and-drop or file picker, several files, one
// progress bar each), add from URL, search, kind and status filters, and a grid of items with their
// previews. Items still arriving (receiving, probing) and rejected ones show their state and reason;
// while any is unfinished the grid refreshes itself.
// An upload that never finished (a closed tab, a lost connection) stays as a receiving card with Resume (pick the same
// file: only the missing chunks go) and Delete (the item, its session and its partial data).
// Test hooks: #upload-input, li.upload[data-status][data-name] .upload-progress[data-percent], li.upload button.upload-retry,
// a.media-card[data-media-id][data-kind][data-status] img.media-preview, .media-state, .media-reason,
// div.media-card[data-status='receiving'] input.card-resume-input, button.card-delete, button.card-delete-confirm.
import { api, isAbort } from '../../js/api.js';
import { el, replace, setText } from '../../js/dom.js';
import { duration, relativeTime } from '../../js/format.js';
import { can } from '../../js/session.js';
import { showError } from '../../js/ui.js';
import { urlPanel } from './add-from-url.js';
import { uploadFile } from './uploads.js';

const KINDS = [['', 'All kinds'], ['video', 'Video'], ['audio', 'Audio'], ['image', 'Images']];
const STATUSES = [['', 'Any status'], ['ready', 'Ready'], ['receiving', 'Receiving'], ['probing', 'Probing'], ['rejected', 'Rejected']];
const PAGE_SIZE = 48;
const PENDING_REFRESH_MS = 3000;

export function mount(root, { query }) {
  const aborter = new AbortController();
  let searchTimer = null;
  let pendingTimer = null;
  let nextCursor = null;
  document.title = 'Library · Gilgamesh';

  const search = el('input', {
    id: 'library-search', type: 'search', placeholder: 'Search by name', 'aria-label': 'Search by name',
    value: query.get('q') ?? '', oninput: () => { clearTimeout(searchTimer); searchTimer = setTimeout(() => load(false), 250); },
  });
  const kind = el('select', { id: 'library-kind', 'aria-label': 'Kind', onchange: () => load(false) },
    KINDS.map(([value, label]) => el('option', { value }, label)));
  kind.value = query.get('kind') ?? '';
  const status = el('select', { id: 'library-status', 'aria-label': 'Status', onchange: () => load(false) },
    STATUSES.map(([value, label]) => el('option', { value }, label)));
  status.value = query.get('status') ?? '';
  const grid = el('div', { id: 'library-grid', class: 'media-grid', 'aria-live': 'polite' });
  const empty = el('p', { id: 'library-empty', class: 'muted empty', hidden: true }, 'No media yet.');
  const more = el('button', { id: 'library-more', type: 'button', class: 'button', hidden: true, onclick: () => load(true) }, 'Load more');
  const uploads = el('ul', { id: 'upload-list', class: 'upload-list' });

  const input = el('input', {
    id: 'upload-input', type: 'file', multiple: true, accept: 'video/*,audio/*,image/*', class: 'upload-input',
    onchange: () => { startUploads([...input.files]); input.value = ''; },
  });
  const zone = el('div', {
    id: 'upload-zone', class: 'upload-zone', tabindex: 0, role: 'button', 'aria-label': 'Upload files: drop them here or press to choose',
    onclick: () => input.click(),
    onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); } },
    ondragover: (e) => { e.preventDefault(); zone.classList.add('dragging'); },
    ondragleave: () => zone.classList.remove('dragging'),
    ondrop: (e) => { e.preventDefault(); zone.classList.remove('dragging'); startUploads([...(e.dataTransfer?.files ?? [])]); },
  }, el('strong', {}, 'Drop audio, video or images here'), el('span', { class: 'muted' }, ' or click to choose files'));

  // Optional analyses on upload, per media kind (remembered in this browser): video → scenes (cuts, fades, slides)
  // and OCR per scene, image → OCR. Audio needs a transcript, which the item page offers once a model or captions exist.
  const analyseOnUpload = el('input', {
    id: 'analyse-on-upload', type: 'checkbox', checked: localStorage.getItem('gilgamesh.analyseOnUpload') === '1',
    onchange: () => localStorage.setItem('gilgamesh.analyseOnUpload', analyseOnUpload.checked ? '1' : '0'),
  });
  const ON_UPLOAD = { video: ['scenes', 'ocr'], image: ['ocr'] };

  root.append(el('section', { class: 'library' },
    el('header', { class: 'page-header' }, el('h1', {}, 'Library')),
    can('editor') ? el('section', { class: 'panel' }, zone, input,
      el('label', { class: 'check' }, analyseOnUpload, ' Analyse after upload (video: scenes and slides with their text; images: text)'),
      uploads) : null,
    can('editor') ? el('section', { class: 'panel' }, urlPanel({ signal: aborter.signal, onAdded: () => load(false) })) : null,
    el('div', { class: 'filters' }, search, kind, status),
    grid, empty, more));

  function startUploads(files) {
    for (const file of files) uploadOne(file);
  }

  async function uploadOne(file, resume = {}) {
    const fill = el('div', { class: 'bar-fill' });
    const bar = el('div', {
      class: 'job-progress upload-progress', role: 'progressbar', 'aria-label': `Upload of ${file.name}`,
      'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': 0, 'data-percent': 0, 'data-state': 'running',
    }, fill);
    const state = el('span', { class: 'upload-state muted' }, 'Uploading…');
    const row = el('li', { class: 'upload', 'data-name': file.name, 'data-status': 'uploading' },
      el('span', { class: 'upload-name' }, file.name), bar, state);
    uploads.append(row);
    const show = (fraction) => {
      const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
      bar.dataset.percent = String(percent);
      bar.setAttribute('aria-valuenow', String(percent));
      fill.style.width = `${percent}%`;
      setText(state, percent < 100 ? `${percent} %` : 'Processing…');
    };
    try {
      const result = await uploadFile(file, show, aborter.signal, resume);
      show(1);
      bar.dataset.state = 'succeeded';
      row.dataset.status = 'done';
      row.dataset.mediaId = result.item.id;
      setText(state, result.duplicate ? 'Already in the library' : 'Done');
      const kinds = ON_UPLOAD[result.item.kind];
      if (analyseOnUpload.checked && kinds && !result.duplicate) {
        api.post(`ingest/media/${encodeURIComponent(result.item.id)}/analyses`, { body: { analyses: kinds }, signal: aborter.signal })
          .then(() => setText(state, 'Done · analyses queued'), (error) => { if (!isAbort(error)) showError(error); });
      }
      load(false);
    } catch (error) {
      if (isAbort(error)) return;
      bar.dataset.state = 'failed';
      row.dataset.status = 'failed';
      row.dataset.code = error.code ?? '';
      setText(state, error.detail || error.message);
      // Retry resumes: the session is remembered for this file, so only the missing chunks go again.
      row.append(el('button', {
        type: 'button', class: 'button upload-retry', onclick: () => { row.remove(); uploadOne(file, resume); },
      }, 'Retry'));
      showError(error);
    }
  }

  async function load(append) {
    try {
      const page = await api.get('ingest/items', {
        query: { q: search.value.trim(), kind: kind.value, status: status.value, limit: PAGE_SIZE, cursor: append ? nextCursor : '' },
        signal: aborter.signal,
      });
      nextCursor = page.nextCursor;
      const cards = page.items.map((item) => card(item, can('editor') ? cardActions : null));
      if (append) grid.append(...cards); else replace(grid, cards);
      empty.hidden = grid.childElementCount > 0;
      more.hidden = !nextCursor;
      clearTimeout(pendingTimer);
      if (!append && page.items.some((item) => item.status === 'receiving' || item.status === 'probing'))
        pendingTimer = setTimeout(() => load(false), PENDING_REFRESH_MS);
    } catch (error) {
      if (!isAbort(error)) showError(error);
    }
  }

  // A receiving card's actions: resume its session with the file picked again, or delete the item and its partial data.
  const cardActions = {
    resume: (item, file) => uploadOne(file, { sessionId: item.uploadSessionId }),
    remove: async (item) => {
      try {
        await api.delete(`ingest/items/${encodeURIComponent(item.id)}`, { signal: aborter.signal });
        load(false);
      } catch (error) {
        if (!isAbort(error)) showError(error);
      }
    },
  };

  load(false);
  return () => { clearTimeout(searchTimer); clearTimeout(pendingTimer); aborter.abort(); };
}

const STATE_TEXT = { receiving: 'Receiving…', probing: 'Checking the file…', rejected: 'Rejected' };

function card(item, actions) {
  if (item.status === 'receiving' && actions) return receivingCard(item, actions);
  const preview = item.previews?.poster || item.previews?.waveform;
  const ready = item.status === 'ready';
  return el('a', {
    class: 'media-card', href: `#/library/${encodeURIComponent(item.id)}`,
    'data-media-id': item.id, 'data-kind': item.kind, 'data-status': item.status,
  },
    preview
      ? el('img', { class: 'media-preview', src: preview, alt: '', loading: 'lazy' })
      : el('div', { class: 'media-preview placeholder' }, item.kind ?? STATE_TEXT[item.status] ?? item.status),
    el('span', { class: 'media-name' }, item.name),
    ready ? null : el('span', { class: 'media-state', 'data-status': item.status }, STATE_TEXT[item.status] ?? item.status),
    item.status === 'rejected'
      ? el('span', { class: 'media-reason', 'data-code': item.rejectedCode ?? '' },
        [item.rejectedCode, item.rejectedReason].filter(Boolean).join(': '))
      : null,
    el('span', { class: 'media-meta muted' },
      [item.kind, item.durationSeconds != null ? duration(item.durationSeconds) : null, relativeTime(item.created)].filter(Boolean).join(' · ')));
}

// Not a link as a whole: it holds its own controls. The name still opens the item.
function receivingCard(item, actions) {
  const input = el('input', {
    type: 'file', class: 'card-resume-input upload-input', accept: 'video/*,audio/*,image/*',
    onchange: () => { const file = input.files[0]; input.value = ''; if (file) actions.resume(item, file); },
  });
  const confirm = el('button', { type: 'button', class: 'button danger card-delete-confirm', hidden: true, onclick: () => actions.remove(item) },
    'Delete for good');
  const del = el('button', { type: 'button', class: 'button card-delete', onclick: () => { del.hidden = true; confirm.hidden = false; } }, 'Delete');
  return el('div', { class: 'media-card', 'data-media-id': item.id, 'data-kind': item.kind ?? '', 'data-status': item.status },
    el('div', { class: 'media-preview placeholder' }, STATE_TEXT.receiving),
    el('a', { class: 'media-name', href: `#/library/${encodeURIComponent(item.id)}` }, item.name),
    el('span', { class: 'media-state', 'data-status': item.status }, 'Upload not finished: pick the same file to resume it.'),
    el('div', { class: 'media-card-actions' },
      item.uploadSessionId ? el('label', { class: 'button primary card-resume' }, 'Resume…', input) : null,
      del, confirm),
    el('span', { class: 'media-meta muted' }, relativeTime(item.created)));
}
