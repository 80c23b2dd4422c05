// Audit (#/audit, admins): the latest security events, newest first.
import { api, isAbort } from '../api.js';
import { el, replace } from '../dom.js';
import { absoluteTime } from '../format.js';
import { showError } from '../ui.js';

const LIMIT = 200;

export function mount(root) {
  const aborter = new AbortController();
  document.title = 'Audit · Gilgamesh';
  const tbody = el('tbody', { id: 'audit-body' });
  const note = el('p', { class: 'muted', id: 'audit-summary' }, 'Loading…');
  root.append(
    el('header', { class: 'page-header' }, el('h1', {}, 'Audit'),
      el('button', { type: 'button', id: 'audit-refresh', class: 'button', onclick: load }, 'Refresh')),
    note,
    el('div', { class: 'table-wrap' }, el('table', { id: 'audit-table', class: 'data-table' },
      el('thead', {}, el('tr', {}, ['When', 'Event', 'User', 'By', 'Address', 'Detail'].map((h) => el('th', { scope: 'col' }, h)))),
      tbody)));

  let names = new Map();

  function who(id) {
    if (!id) return el('span', { class: 'muted' }, '—');
    return el('span', { title: id }, names.get(id) ?? id.slice(0, 8));
  }

  function row(event) {
    const detail = event.detail && Object.keys(event.detail).length ? JSON.stringify(event.detail) : '';
    return el('tr', { class: 'audit-row', 'data-kind': event.kind, 'data-event-id': event.id },
      el('td', { class: 'mono' }, el('time', { datetime: event.at }, absoluteTime(event.at))),
      el('td', {}, el('code', {}, event.kind)),
      el('td', {}, who(event.userId)),
      el('td', {}, who(event.actorId)),
      el('td', { class: 'mono' }, event.ip || '—'),
      el('td', { class: 'mono audit-detail' }, detail));
  }

  async function load() {
    try {
      const [events, users] = await Promise.all([
        api.get('audit', { query: { limit: LIMIT }, signal: aborter.signal }),
        api.get('users', { signal: aborter.signal }).catch(() => []),
      ]);
      names = new Map(users.map((u) => [u.id, u.userName]));
      replace(tbody, events.map(row));
      replace(note, events.length ? `The latest ${events.length} events (at most ${LIMIT}).` : 'No events yet.');
    } catch (error) {
      if (!isAbort(error)) showError(error);
    }
  }

  load();
  return () => aborter.abort();
}
