// One library item (#/library/{id}): a player on the signed URL (seekable: the file server
// answers Range requests), the analyses panel (analyses.js), the previews, metadata, and delete for
// editors, and a link to make highlights of a ready video or audio item (#make-highlights). An item that is not ready shows its state (and, when rejected, the code and reason) instead.
// Test hooks: #media-player, #delete-media, #confirm-delete, .media-detail[data-media-id], #media-state.
import { api, isAbort } from '../../js/api.js';
import { el, replace } from '../../js/dom.js';
import { absoluteTime, duration } from '../../js/format.js';
import { can } from '../../js/session.js';
import { showError } from '../../js/ui.js';
import { analysesPanel } from './analyses.js';

export function mount(root, { params }) {
  const aborter = new AbortController();
  const id = params.id;
  document.title = 'Media · Gilgamesh';
  const container = el('article', { class: 'media-detail', 'data-media-id': id },
    el('a', { class: 'back-link', href: '#/library' }, '← Library'),
    el('p', { class: 'muted' }, 'Loading…'));
  root.append(container);

  api.get(`ingest/items/${encodeURIComponent(id)}`, { signal: aborter.signal })
    .then((item) => render(item))
    .catch((error) => {
      if (isAbort(error)) return;
      replace(container, el('a', { class: 'back-link', href: '#/library' }, '← Library'),
        el('section', { class: 'panel not-found', 'data-code': error.code ?? '' }, el('h1', {}, 'Media not found'), el('p', {}, error.detail || error.message)));
    });

  function render(item) {
    document.title = `${item.name} · Gilgamesh`;
    const ready = item.status === 'ready';
    const player = !ready ? null : item.kind === 'video'
      ? el('video', { id: 'media-player', class: 'player', src: item.url, controls: true, preload: 'metadata', playsinline: true, poster: item.previews?.poster })
      : item.kind === 'audio'
        ? el('audio', { id: 'media-player', class: 'player', src: item.url, controls: true, preload: 'metadata' })
        : el('img', { id: 'media-player', class: 'player', src: item.url, alt: item.name });
    const confirm = el('button', { id: 'confirm-delete', type: 'button', class: 'button danger', hidden: true, onclick: remove }, 'Delete for good');
    const del = el('button', {
      id: 'delete-media', type: 'button', class: 'button danger',
      onclick: () => { confirm.hidden = false; del.hidden = true; },
    }, 'Delete');
    const fields = [
      ['Kind', item.kind], ['Status', item.status], ['Rejected', item.rejectedCode ? `${item.rejectedCode}: ${item.rejectedReason ?? ''}` : null], ['Size', item.sizeBytes != null ? `${item.sizeBytes.toLocaleString()} bytes` : null],
      ['Duration', item.durationSeconds != null ? duration(item.durationSeconds) : null],
      ['Resolution', item.width ? `${item.width} × ${item.height}` : null],
      ['Codecs', [item.codecs?.video, item.codecs?.audio].filter(Boolean).join(', ') || null], ['Container', item.codecs?.format],
      ['Content type', item.contentType], ['SHA-256', item.sha256], ['Source', item.source], ['Added', absoluteTime(item.created)],
      ['ID', item.id],
    ].filter(([, value]) => value !== null && value !== undefined && value !== '');
    const sheet = item.previews?.contactSheet;
    replace(container,
      el('a', { class: 'back-link', href: '#/library' }, '← Library'),
      el('header', { class: 'page-header' }, el('h1', { id: 'media-title', class: 'file-name' }, item.name),
        can('editor') ? el('div', { class: 'actions' },
          ready && (item.kind === 'video' || item.kind === 'audio')
            ? el('a', { id: 'make-highlights', class: 'button', href: `#/highlights?media=${encodeURIComponent(item.id)}` }, 'Make highlights') : null,
          del, confirm) : null),
      ready
        ? el('section', { class: 'panel player-panel' }, player)
        : el('section', { id: 'media-state', class: `panel callout${item.status === 'rejected' ? ' error' : ''}`, 'data-status': item.status },
          item.status === 'rejected' ? `Rejected — ${item.rejectedCode ?? ''}: ${item.rejectedReason ?? ''}`
            : item.status === 'receiving'
              ? 'This upload has not finished. Resume it from its card on the Library page with the same file (only the missing parts are sent), or delete it (its partial data goes too).'
              : `This file is still ${item.status}.`),
      ready ? analysesPanel(item, player.tagName === 'IMG' ? null : player, aborter.signal) : null,
      el('section', { class: 'panel' }, el('h2', {}, 'Details'),
        el('dl', { class: 'fields' }, fields.map(([label, value]) => [el('dt', {}, label), el('dd', {}, String(value))]))),
      sheet || item.previews?.waveform
        ? el('section', { class: 'panel' }, el('h2', {}, 'Previews'),
          sheet ? el('img', { id: 'contact-sheet', class: 'contact-sheet', src: sheet, alt: 'Contact sheet' }) : null,
          item.previews?.waveform ? el('img', { id: 'waveform', class: 'contact-sheet', src: item.previews.waveform, alt: 'Waveform' }) : null)
        : null);
  }

  async function remove() {
    try {
      await api.delete(`ingest/items/${encodeURIComponent(id)}`);
      location.hash = '#/library';
    } catch (error) {
      showError(error);
    }
  }

  return () => aborter.abort();
}
