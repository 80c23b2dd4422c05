// "Add from URL" on the library page: one or more URLs (one a line) → POST ingest/process with
// async: true → the job's live progress bar → one row per URL (ok with its items, or the error's
// code and message); onAdded() refreshes the grid.
// Test hooks: #url-input, #url-submit, #url-progress .job-progress[data-state], li.url-result[data-status][data-code].
import { api, isAbort } from '../../js/api.js';
import { el, replace } from '../../js/dom.js';
import { progressWidget, showError } from '../../js/ui.js';
import { followJob } from './job-follow.js';

export function urlPanel({ signal, onAdded }) {
  const input = el('textarea', {
    id: 'url-input', class: 'url-input', rows: 3, 'aria-label': 'Media URLs, one a line',
    placeholder: 'https://… (one URL a line: direct media files, or pages yt-dlp supports)',
  });
  const submit = el('button', { id: 'url-submit', type: 'submit', class: 'button primary' }, 'Add from URL');
  const progress = progressWidget();
  progress.id = 'url-progress';
  progress.hidden = true;
  const results = el('ul', { id: 'url-results', class: 'url-results' });

  async function run(event) {
    event.preventDefault();
    // One URL a line: a line is never split on spaces (a URL with an unencoded space is one URL, refused or fetched whole).
    const urls = input.value.split(/\r?\n/).map((u) => u.trim()).filter(Boolean);
    if (urls.length === 0) return;
    submit.disabled = true;
    replace(results);
    progress.hidden = false;
    try {
      const job = await api.post('ingest/process', { body: { urls, options: { async: true } }, signal });
      const done = await followJob(job, progress, signal);
      if (done.status !== 'succeeded') {
        replace(results, el('li', { class: 'url-result', 'data-status': 'error', 'data-code': done.errorCode ?? '' },
          `${done.errorCode ?? done.status}: ${done.errorMessage ?? 'the job did not finish'}`));
        return;
      }
      replace(results, (done.result ?? []).map(resultRow));
      if ((done.result ?? []).some((r) => r.status === 'ok')) { input.value = ''; onAdded(); }
    } catch (error) {
      if (!isAbort(error)) showError(error);
    } finally {
      submit.disabled = false;
    }
  }

  return el('form', { id: 'url-form', class: 'url-form', onsubmit: run },
    el('h2', {}, 'Add from URL'), input, el('div', { class: 'actions' }, submit), progress, results);
}

function resultRow(result) {
  if (result.status === 'ok') {
    const links = (result.items ?? []).map((item) =>
      el('a', { href: `#/library/${encodeURIComponent(item.media_id)}`, 'data-media-id': item.media_id }, item.kind ?? 'item'));
    return el('li', { class: 'url-result', 'data-status': 'ok' },
      el('span', { class: 'url-text' }, result.url), ' ', result.cached ? el('span', { class: 'muted' }, '(cached) ') : null, links);
  }
  const error = result.error ?? {};
  return el('li', { class: 'url-result', 'data-status': 'error', 'data-code': error.code ?? '' },
    el('span', { class: 'url-text' }, result.url), ' ',
    el('code', { class: 'error-code' }, error.code ?? 'error'), ' ', el('span', { class: 'error-message' }, error.message ?? ''));
}
