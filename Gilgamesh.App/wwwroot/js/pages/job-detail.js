// Job detail (#/jobs/{id}): every field, live progress and log lines, cancel/retry.
import { api, isAbort } from '../api.js';
import { el, replace, setText } from '../dom.js';
import { absoluteTime, clockTime, duration, elapsedSeconds, percentText, relativeTime } from '../format.js';
import { isActive, mergeJob, subscribe } from '../live.js';
import { progressWidget, setStatus, showError, statusBadge, updateProgress } from '../ui.js';
import { can } from '../session.js';

const FIELDS = [
  ['id', 'ID'], ['module', 'Module'], ['kind', 'Kind'], ['status', 'Status'], ['stage', 'Stage'],
  ['percent', 'Progress'], ['eta', 'ETA'], ['duration', 'Duration'], ['attempts', 'Attempts'],
  ['hangfire', 'Hangfire job'], ['owner', 'Owner'], ['subject', 'Works on'], ['createdAt', 'Created'], ['startedAt', 'Started'],
  ['finishedAt', 'Finished'], ['updatedAt', 'Updated'],
];

export function mount(root, { params }) {
  const id = params.id;
  const aborter = new AbortController();
  const logKeys = new Set();
  let job = null;
  let live = null;
  let busy = false;

  document.title = 'Job · Gilgamesh';

  // ---- skeleton ------------------------------------------------------------
  const title = el('h1', { id: 'job-title' }, 'Job');
  const badge = statusBadge('unknown');
  const progress = progressWidget();
  // Cancel asks first, in the page: a stopped job's work is lost (a retry starts it over).
  let confirmingCancel = false;
  const cancelButton = el('button', { id: 'cancel-job', type: 'button', class: 'button danger', hidden: true,
    onclick: () => { confirmingCancel = true; render(); confirmCancelButton.focus(); } }, 'Cancel');
  const confirmCancelButton = el('button', { id: 'confirm-cancel', type: 'button', class: 'button danger',
    onclick: () => { confirmingCancel = false; act('cancel'); } }, 'Yes, stop it');
  const keepRunningButton = el('button', { id: 'keep-running', type: 'button', class: 'button',
    onclick: () => { confirmingCancel = false; render(); cancelButton.focus(); } }, 'Keep it running');
  const cancelConfirm = el('div', { id: 'cancel-confirm', class: 'confirm', role: 'group', 'aria-label': 'Confirm cancel', hidden: true },
    el('span', {}, 'Stop this job? Its work so far is lost; a retry starts it over.'), confirmCancelButton, keepRunningButton);
  const retryButton = el('button', { id: 'retry-job', type: 'button', class: 'button primary', hidden: true, onclick: () => act('retry') }, 'Retry');
  const errorBox = el('div', { id: 'job-error', class: 'callout error', role: 'status', hidden: true },
    el('strong', {}, 'Error '), el('code', { class: 'error-code' }), el('p', { class: 'error-message' }));
  const fields = new Map(FIELDS.map(([key]) => [key, el('dd', { 'data-field': key })]));
  const input = el('pre', { id: 'job-input', class: 'code-block' });
  const result = el('pre', { id: 'job-result', class: 'code-block' });
  // A job that stored something puts a signed link in its result (e.g. the self-test's clip).
  const resultLink = el('a', { id: 'job-result-link', class: 'button', hidden: true, target: '_blank', rel: 'noopener' }, 'Open output');
  const logList = el('ol', { id: 'job-logs', class: 'log', 'aria-live': 'polite', 'aria-label': 'Job log' });
  // A pipeline's steps: one row each with a live bar, its dependencies, retry on a failed step, its log on demand.
  const stepList = el('ol', { id: 'job-steps', class: 'steps' });
  const stepsPanel = el('section', { class: 'panel', id: 'job-steps-panel', hidden: true }, el('h2', {}, 'Steps'), stepList);
  const stepRows = new Map();
  const logEmpty = el('p', { class: 'muted log-empty' }, 'No log lines yet.');
  const liveNote = el('span', { id: 'job-live', class: 'live-note muted' });
  const body = el('div', { class: 'detail', hidden: true },
    el('section', { class: 'panel' },
      el('div', { class: 'detail-status' }, badge, liveNote),
      progress,
      errorBox,
      el('div', { class: 'actions' }, cancelButton, cancelConfirm, retryButton)),
    stepsPanel,
    el('section', { class: 'panel' },
      el('h2', {}, 'Details'),
      el('dl', { class: 'fields' }, FIELDS.map(([key, label]) => [el('dt', {}, label), fields.get(key)]))),
    el('section', { class: 'panel' }, el('h2', {}, 'Input'), input),
    el('section', { class: 'panel' }, el('h2', {}, 'Result'), resultLink, result),
    el('section', { class: 'panel' }, el('h2', {}, 'Log'), logEmpty, logList));
  const loadingNote = el('p', { class: 'muted' }, 'Loading job…');
  const container = el('article', { class: 'job-detail', 'data-job-id': id },
    el('a', { class: 'back-link', href: '#/jobs' }, '← All jobs'),
    el('header', { class: 'page-header' }, title),
    loadingNote, body);
  root.append(container);

  // ---- rendering -------------------------------------------------------------
  function field(key, value, attrs) {
    const dd = fields.get(key);
    if (value instanceof Node) replace(dd, value);
    else setText(dd, value === null || value === undefined || value === '' ? '—' : value);
    if (attrs?.title) dd.title = attrs.title;
  }

  function timeField(key, iso) {
    if (!iso) return field(key, null);
    field(key, `${relativeTime(iso)} (${absoluteTime(iso)})`, { title: iso });
  }

  function render() {
    const active = isActive(job.status);
    setText(title, job.title || `${job.kind || 'Job'}${job.module ? ` · ${job.module}` : ''}`);
    document.title = `${job.title || job.kind || 'Job'} · Jobs · Gilgamesh`;
    container.dataset.status = job.status || 'unknown';
    setStatus(badge, job.status);
    updateProgress(progress, job);

    const mayAct = can('editor'); // viewers read only
    if (!active) confirmingCancel = false;
    cancelButton.hidden = !mayAct || !active || confirmingCancel;
    cancelConfirm.hidden = !mayAct || !active || !confirmingCancel;
    retryButton.hidden = !mayAct || !(job.status === 'failed' || job.status === 'cancelled');
    cancelButton.disabled = retryButton.disabled = busy;

    errorBox.hidden = !(job.errorCode || job.errorMessage);
    setText(errorBox.querySelector('.error-code'), job.errorCode || '');
    setText(errorBox.querySelector('.error-message'), job.errorMessage || '');

    field('id', job.id);
    field('module', job.module);
    field('kind', job.kind);
    field('status', job.status);
    field('stage', job.stage);
    field('percent', percentText(job.percent));
    field('eta', active && job.etaSeconds != null ? duration(job.etaSeconds) : null);
    field('duration', job.startedAt ? duration(elapsedSeconds(job.startedAt, job.finishedAt)) : null);
    field('attempts', job.attempts);
    // Hangfire's own dashboard has the raw state history; link straight to it.
    field('hangfire', job.hangfireJobId
      ? el('a', { href: `hangfire/jobs/details/${encodeURIComponent(job.hangfireJobId)}` }, `#${job.hangfireJobId}`)
      : null);
    field('owner', job.ownerName || job.ownerId);
    field('subject', job.subjectHref ? el('a', { id: 'job-subject', href: job.subjectHref }, 'Open') : null);
    for (const step of job.steps ?? []) renderStep(step);
    timeField('createdAt', job.createdAt);
    timeField('startedAt', job.startedAt);
    timeField('finishedAt', job.finishedAt);
    timeField('updatedAt', job.updatedAt);
    setText(input, job.input === undefined || job.input === null ? '—' : JSON.stringify(job.input, null, 2));
    setText(result, job.result === undefined || job.result === null ? '—' : JSON.stringify(job.result, null, 2));
    const url = job.result && typeof job.result.url === 'string' ? job.result.url : null;
    resultLink.hidden = !url;
    if (url) resultLink.href = url.startsWith('/') ? url.slice(1) : url;
  }

  function addLog(log) {
    // Polling re-sends lines and the socket may replay history, so dedupe on content.
    const key = `${log.at}|${log.level}|${log.message}`;
    if (logKeys.has(key)) return;
    logKeys.add(key);
    const atBottom = logList.scrollHeight - logList.scrollTop - logList.clientHeight < 24;
    const level = log.level || 'info';
    const li = el('li', { class: 'log-line', 'data-level': level, 'data-at': log.at || '' },
      el('time', { datetime: log.at || null, title: absoluteTime(log.at) }, clockTime(log.at)),
      el('span', { class: 'log-level' }, level),
      el('span', { class: 'log-message' }, log.message ?? ''));
    // Keep time order even when a polled gap-fill arrives after newer socket lines.
    let before = null;
    for (let node = logList.lastElementChild; node; node = node.previousElementSibling) {
      if (!log.at || !node.dataset.at || node.dataset.at <= log.at) break;
      before = node;
    }
    logList.insertBefore(li, before);
    logEmpty.hidden = true;
    if (atBottom) logList.scrollTop = logList.scrollHeight;
  }

  // ---- steps -----------------------------------------------------------------
  function renderStep(patch) {
    let row = stepRows.get(patch.id);
    if (!row) {
      const bar = progressWidget();
      const badge2 = statusBadge(patch.status);
      const retry = el('button', { type: 'button', class: 'button small step-retry', hidden: true }, 'Retry step');
      const logToggle = el('button', { type: 'button', class: 'button small step-log-toggle' }, 'Log');
      const log = el('ol', { class: 'log step-log', hidden: true });
      const name = el('a', { class: 'step-name', href: `#/jobs/${encodeURIComponent(patch.id)}` });
      const meta = el('span', { class: 'step-meta muted' });
      const error = el('code', { class: 'step-error', hidden: true });
      const li = el('li', { class: 'step', 'data-step-id': patch.id },
        el('div', { class: 'step-head' }, name, badge2, meta, error, el('span', { class: 'actions' }, retry, logToggle)), bar, log);
      row = { step: { ...patch }, li, bar, badge: badge2, retry, logToggle, log, name, meta, error, logKeys: new Set() };
      retry.onclick = () => retryStep(row);
      logToggle.onclick = () => toggleStepLog(row);
      stepRows.set(patch.id, row);
      stepList.append(li);
      stepsPanel.hidden = false;
    } else if (!mergeJob(row.step, patch)) {
      return;
    }
    const step = row.step;
    row.li.dataset.status = step.status || 'unknown';
    row.li.dataset.stepName = step.stepName || '';
    setText(row.name, step.stepName || step.kind || 'step');
    setStatus(row.badge, step.status);
    updateProgress(row.bar, step);
    const after = step.dependsOn?.length ? `after ${step.dependsOn.join(', ')}` : '';
    const took = step.startedAt ? duration(elapsedSeconds(step.startedAt, step.finishedAt)) : '';
    setText(row.meta, [step.optional ? 'optional' : '', `attempt ${step.attempts ?? 0}`, took, after].filter(Boolean).join(' · '));
    row.error.hidden = !step.errorCode;
    setText(row.error, step.errorCode || '');
    row.retry.hidden = !can('editor') || !(step.status === 'failed' || step.status === 'cancelled');
  }

  async function retryStep(row) {
    row.retry.disabled = true;
    try {
      const updated = await api.post(`jobs/${encodeURIComponent(row.step.id)}/retry`, { signal: aborter.signal });
      if (updated) renderStep(updated);
      await refresh();
    } catch (error) {
      if (!isAbort(error)) showError(error);
    } finally {
      row.retry.disabled = false;
    }
  }

  function addStepLog(row, log) {
    const key = `${log.at}|${log.level}|${log.message}`;
    if (row.logKeys.has(key)) return;
    row.logKeys.add(key);
    row.log.append(el('li', { class: 'log-line', 'data-level': log.level || 'info' },
      el('time', { datetime: log.at || null }, clockTime(log.at)),
      el('span', { class: 'log-level' }, log.level || 'info'),
      el('span', { class: 'log-message' }, log.message ?? '')));
  }

  async function toggleStepLog(row) {
    row.log.hidden = !row.log.hidden;
    if (row.log.hidden) return;
    try {
      const detail = await api.get(`jobs/${encodeURIComponent(row.step.id)}`, { signal: aborter.signal });
      for (const log of detail.logs ?? []) addStepLog(row, log);
      if (!row.log.children.length) row.log.append(el('li', { class: 'muted' }, 'No log lines yet.'));
    } catch (error) {
      if (!isAbort(error)) showError(error);
    }
  }

  // ---- live ------------------------------------------------------------------
  function goLive() {
    if (live || !isActive(job.status)) return;
    live = subscribe(id, {
      onProgress: (patch) => { if (mergeJob(job, patch)) render(); },
      onLog: addLog,
      onStep: renderStep,
      onStepLog: (stepId, log) => { const row = stepRows.get(stepId); if (row && !row.log.hidden) addStepLog(row, log); },
      onMode: (mode) => {
        container.dataset.live = mode;
        liveNote.dataset.mode = mode;
        setText(liveNote, mode === 'ws' ? '● Live' : mode === 'poll' ? '● Live (polling)' : '');
      },
      onEnd: () => {
        live = null;
        refresh(); // progress messages carry a subset of fields; fetch finishedAt, attempts etc.
      },
      onError: showError,
    });
  }

  async function refresh() {
    try {
      const fresh = await api.get(`jobs/${encodeURIComponent(id)}`, { signal: aborter.signal });
      if (job) mergeJob(job, fresh); else job = { ...fresh };
      for (const log of fresh.logs ?? []) addLog(log);
      loadingNote.hidden = true;
      body.hidden = false;
      render();
      goLive();
    } catch (error) {
      if (isAbort(error)) return;
      if (!job) {
        loadingNote.hidden = true;
        // The banner carries the problem details; the panel just explains the empty page.
        setText(title, error.status === 404 ? 'Job not found' : 'Could not load this job');
        container.append(el('section', { class: 'panel not-found' },
          el('p', {}, error.status === 404
            ? 'There is no job with this id. It may have been removed.'
            : 'See the error above. The page will not update until you reload it.'),
          el('p', {}, el('a', { class: 'button', href: '#/jobs' }, 'Back to all jobs'))));
      }
      showError(error);
    }
  }

  async function act(action) {
    if (busy) return;
    busy = true;
    render();
    try {
      const result = await api.post(`jobs/${encodeURIComponent(id)}/${action}`, { signal: aborter.signal });
      if (result?.id && result.id !== id) {
        location.hash = `#/jobs/${encodeURIComponent(result.id)}`; // retry created a new job
        return;
      }
      if (result) mergeJob(job, result);
    } catch (error) {
      if (!isAbort(error)) showError(error);
    } finally {
      busy = false;
      if (!aborter.signal.aborted) { render(); goLive(); }
    }
  }

  refresh();
  // Relative times and the running duration age even when no message arrives.
  const ticker = setInterval(() => { if (job && !busy) render(); }, 1000);

  return () => {
    clearInterval(ticker);
    aborter.abort();
    live?.close();
    live = null;
  };
}
