// Jobs list (#/jobs?module=&status=&page=): filters, paging, live progress per row.
// Rows are keyed by job id and updated in place, so the 5 s refresh and live
// messages never rebuild the table (bars animate instead of jumping).
import { api, isAbort } from '../api.js';
import { el, replace, setText } from '../dom.js';
import { absoluteTime, capitalize, relativeTime } from '../format.js';
import { isActive, mergeJob, subscribe } from '../live.js';
import { progressWidget, setStatus, showError, statusBadge, updateProgress } from '../ui.js';
import { can } from '../session.js';

const PAGE_SIZE = 25;
const REFRESH_MS = 5000;
const STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];
// A job we just created stays listed even if a refresh that was already in
// flight comes back without it; the next refresh includes it for real.
const PIN_MS = 15000;

export function mount(root, { query, modules }) {
  const filters = {
    module: query.get('module') || '',
    status: query.get('status') || '',
    page: Math.max(1, Number.parseInt(query.get('page'), 10) || 1),
  };
  const aborter = new AbortController();
  const rows = new Map();  // id -> { job, tr, parts }
  const subs = new Map();  // id -> live subscription
  const pinned = new Map(); // id -> { job, until }
  let loading = false;
  let loadedOnce = false;
  let lastResult = { items: [], total: 0, pageSize: PAGE_SIZE };

  document.title = 'Jobs · Gilgamesh';

  // ---- skeleton ----------------------------------------------------------
  const moduleOptions = [...new Set([...modules, filters.module].filter(Boolean))].sort();
  const moduleSelect = el('select', { id: 'filter-module', name: 'module', onchange: applyFilters },
    el('option', { value: '' }, 'All modules'),
    moduleOptions.map((m) => el('option', { value: m, selected: m === filters.module }, m)));
  const statusSelect = el('select', { id: 'filter-status', name: 'status', onchange: applyFilters },
    el('option', { value: '' }, 'All statuses'),
    STATUSES.map((s) => el('option', { value: s, selected: s === filters.status }, capitalize(s))));
  // Viewers only read; starting work needs editor.
  const selftestButton = el('button', { id: 'run-selftest', type: 'button', class: 'button primary', onclick: runSelftest, hidden: !can('editor') },
    'Run self-test');

  const tbody = el('tbody', { id: 'jobs-body' });
  const table = el('table', { id: 'jobs-table', class: 'jobs-table' },
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, 'Job'),
      el('th', { scope: 'col' }, 'Module'),
      el('th', { scope: 'col' }, 'Status'),
      el('th', { scope: 'col', class: 'col-progress' }, 'Progress'),
      el('th', { scope: 'col' }, 'Created'))),
    tbody);
  const empty = el('div', { id: 'jobs-empty', class: 'panel empty', hidden: true });
  const loadingNote = el('p', { id: 'jobs-loading', class: 'muted' }, 'Loading jobs…');
  const summary = el('span', { id: 'jobs-summary', class: 'muted', 'aria-live': 'polite' });
  const prev = el('button', { id: 'page-prev', type: 'button', class: 'button', onclick: () => goToPage(filters.page - 1), disabled: true }, '← Newer');
  const next = el('button', { id: 'page-next', type: 'button', class: 'button', onclick: () => goToPage(filters.page + 1), disabled: true }, 'Older →');

  root.append(
    el('header', { class: 'page-header' },
      el('h1', {}, 'Jobs'),
      el('div', { class: 'page-actions' }, selftestButton)),
    el('form', { class: 'filters', role: 'search', 'aria-label': 'Filter jobs', onsubmit: (e) => e.preventDefault() },
      el('label', {}, el('span', {}, 'Module'), moduleSelect),
      el('label', {}, el('span', {}, 'Status'), statusSelect)),
    loadingNote,
    el('div', { class: 'table-wrap', hidden: true }, table),
    empty,
    el('nav', { class: 'pager', 'aria-label': 'Pages' }, prev, summary, next));

  // ---- navigation (filters live in the hash so reload/back/links keep them) --
  function hashFor({ module, status, page }) {
    const q = new URLSearchParams();
    if (module) q.set('module', module);
    if (status) q.set('status', status);
    if (page > 1) q.set('page', String(page));
    const s = q.toString();
    return `#/jobs${s ? `?${s}` : ''}`;
  }

  function applyFilters() {
    location.hash = hashFor({ module: moduleSelect.value, status: statusSelect.value, page: 1 });
  }

  function goToPage(page) {
    location.hash = hashFor({ ...filters, page: Math.max(1, page) });
  }

  // ---- rows ----------------------------------------------------------------
  function createRow(job) {
    const parts = {
      link: el('a', { class: 'job-link', href: `#/jobs/${encodeURIComponent(job.id)}` }),
      id: el('span', { class: 'job-id mono' }),
      module: el('span', { class: 'job-module' }),
      badge: statusBadge(job.status),
      error: el('span', { class: 'job-error-code mono', hidden: true }),
      progress: progressWidget(),
      created: el('time', { class: 'job-created' }),
    };
    const tr = el('tr', { class: 'job-row', 'data-job-id': job.id },
      // One wrapper per cell: on phones each cell is a two-column grid (label, content).
      el('td', { 'data-label': 'Job', class: 'col-job' }, el('div', {}, parts.link, parts.id)),
      el('td', { 'data-label': 'Module' }, el('div', {}, parts.module)),
      el('td', { 'data-label': 'Status', class: 'col-status' }, el('div', {}, parts.badge, parts.error)),
      el('td', { 'data-label': 'Progress', class: 'col-progress' }, parts.progress),
      el('td', { 'data-label': 'Created' }, el('div', {}, parts.created)));
    const row = { job: { ...job }, tr, parts };
    renderRow(row);
    return row;
  }

  function renderRow({ job, tr, parts }) {
    tr.dataset.status = job.status || 'unknown';
    setText(parts.link, job.title || job.kind || 'job');
    if (job.title) parts.link.title = `${job.module}/${job.kind}`;
    setText(parts.id, String(job.id).slice(0, 8));
    parts.id.title = job.id;
    setText(parts.module, job.module || '—');
    setStatus(parts.badge, job.status);
    parts.error.hidden = !job.errorCode;
    setText(parts.error, job.errorCode || '');
    if (job.errorMessage) parts.error.title = job.errorMessage;
    updateProgress(parts.progress, job);
    parts.created.dateTime = job.createdAt || '';
    parts.created.title = absoluteTime(job.createdAt);
    setText(parts.created, relativeTime(job.createdAt));
  }

  function matchesFilters(job) {
    return (!filters.module || job.module === filters.module)
      && (!filters.status || job.status === filters.status);
  }

  function render(result) {
    const items = Array.isArray(result?.items) ? result.items : [];
    const now = Date.now();
    const ids = new Set(items.map((j) => j.id));
    const extra = [];
    for (const [id, pin] of pinned) {
      if (ids.has(id) || pin.until < now) pinned.delete(id);
      else extra.push(pin.job);
    }
    const jobs = [...extra, ...items];

    const keep = new Set();
    jobs.forEach((job, index) => {
      keep.add(job.id);
      let row = rows.get(job.id);
      if (!row) {
        row = createRow(job);
        rows.set(job.id, row);
      } else if (mergeJob(row.job, job)) {
        renderRow(row);
      } else {
        setText(row.parts.created, relativeTime(row.job.createdAt)); // time still moves on
      }
      // Reorder only when needed so focus and hover state survive refreshes.
      if (tbody.children[index] !== row.tr) tbody.insertBefore(row.tr, tbody.children[index] || null);
    });
    for (const [id, row] of rows) {
      if (!keep.has(id)) { row.tr.remove(); rows.delete(id); }
    }

    // Pinned jobs are ones the server did not list yet, so they add to its total.
    const total = (Number.isFinite(result?.total) ? result.total : items.length) + extra.length;
    const pageSize = result?.pageSize || PAGE_SIZE;
    const pages = Math.max(1, Math.ceil(total / pageSize));
    const first = total === 0 ? 0 : (filters.page - 1) * pageSize + 1;
    const last = Math.min(total, (filters.page - 1) * pageSize + jobs.length);
    setText(summary, total === 0 ? 'No jobs' : `${first}–${last} of ${total} · page ${filters.page} of ${pages}`);
    prev.disabled = filters.page <= 1;
    next.disabled = filters.page >= pages;

    loadingNote.hidden = true;
    table.parentElement.hidden = rows.size === 0;
    empty.hidden = rows.size !== 0;
    if (rows.size === 0) renderEmpty(total);

    syncSubscriptions();
  }

  function renderEmpty(total) {
    const filtered = filters.module || filters.status;
    if (total > 0) {
      replace(empty, el('p', {}, 'No jobs on this page. '), el('a', { href: hashFor({ ...filters, page: 1 }) }, 'Back to the first page'));
    } else if (filtered) {
      replace(empty, el('p', {}, 'No jobs match these filters. '), el('a', { href: '#/jobs' }, 'Show all jobs'));
    } else {
      replace(empty, el('h2', {}, 'No jobs yet'),
        can('editor') ? el('p', {}, 'Press “Run self-test” to render a short clip with ffmpeg and watch its progress here.') : null);
    }
  }

  // ---- live updates ----------------------------------------------------------
  // One subscription per visible queued/running job; closed when the job
  // finishes, leaves the page, or the view unmounts.
  function syncSubscriptions() {
    for (const [id, sub] of subs) {
      const row = rows.get(id);
      if (!row || !isActive(row.job.status)) { sub.close(); subs.delete(id); }
    }
    for (const [id, row] of rows) {
      if (!subs.has(id) && isActive(row.job.status)) subs.set(id, watch(id));
    }
  }

  function watch(id) {
    return subscribe(id, {
      onProgress: (patch) => {
        const row = rows.get(id);
        if (row && mergeJob(row.job, patch)) renderRow(row);
      },
      onMode: (mode) => { const row = rows.get(id); if (row) row.tr.dataset.live = mode; },
      onEnd: () => { subs.delete(id); },
      onError: showError,
    });
  }

  // ---- data ------------------------------------------------------------------
  async function load() {
    if (loading) return;
    loading = true;
    try {
      const result = await api.get('jobs', {
        query: { module: filters.module, status: filters.status, page: filters.page, pageSize: PAGE_SIZE },
        signal: aborter.signal,
      });
      loadedOnce = true;
      lastResult = result;
      render(result);
    } catch (error) {
      if (isAbort(error)) return;
      showError(error);
      if (!loadedOnce) setText(loadingNote, 'Could not load jobs. Retrying every few seconds…');
    } finally {
      loading = false;
    }
  }

  async function runSelftest() {
    selftestButton.disabled = true;
    try {
      const created = await api.post('jobs/selftest', { signal: aborter.signal });
      const job = { module: 'platform', kind: 'selftest', status: 'queued', percent: 0, createdAt: new Date().toISOString(), ...created };
      if (filters.page === 1 && matchesFilters(job)) {
        pinned.set(job.id, { job, until: Date.now() + PIN_MS });
        render(lastResult);
        rows.get(job.id)?.tr.classList.add('is-new');
      } else {
        // The current view would hide the new job; show the unfiltered first page, where it is newest.
        location.hash = '#/jobs';
      }
    } catch (error) {
      if (!isAbort(error)) showError(error);
    } finally {
      selftestButton.disabled = false;
    }
  }

  load();
  const timer = setInterval(load, REFRESH_MS);

  return () => {
    clearInterval(timer);
    aborter.abort();
    for (const sub of subs.values()) sub.close();
    subs.clear();
  };
}
