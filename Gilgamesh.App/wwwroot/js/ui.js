// Shared widgets: status badge, progress bar, error banners.
// The list and detail pages use the same widgets so browser tests can rely on
// the same hooks everywhere: .job-status[data-status], .job-progress[data-percent].
import { el, setText } from './dom.js';
import { capitalize, clampPercent, duration, percentText } from './format.js';
import { isActive } from './live.js';

export function statusBadge(status) {
  const badge = el('span', { class: 'badge job-status' });
  setStatus(badge, status);
  return badge;
}

export function setStatus(badge, status) {
  const value = status || 'unknown';
  if (badge.dataset.status !== value) badge.dataset.status = value;
  setText(badge, capitalize(value));
}

/** A div bar rather than <progress>: it styles consistently across browsers and can show state colours. */
export function progressWidget() {
  const fill = el('div', { class: 'bar-fill' });
  const bar = el('div', {
    class: 'job-progress', role: 'progressbar', 'aria-label': 'Job progress',
    'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': 0, 'data-percent': 0,
  }, fill);
  const meta = el('div', { class: 'progress-meta' },
    el('span', { class: 'progress-percent' }),
    el('span', { class: 'progress-stage' }),
    el('span', { class: 'progress-eta' }));
  return el('div', { class: 'progress' }, bar, meta);
}

export function updateProgress(widget, job) {
  const bar = widget.querySelector('.job-progress');
  const fill = bar.firstElementChild;
  // A finished job with no reported percent still reads as a full bar.
  const percent = job.status === 'succeeded' && job.percent == null ? 100 : clampPercent(job.percent);
  const active = isActive(job.status);

  bar.dataset.percent = String(percent);
  bar.dataset.state = job.status || 'unknown';
  bar.setAttribute('aria-valuenow', String(percent));
  bar.setAttribute('aria-valuetext', `${percentText(percent)}${job.stage ? `, ${job.stage}` : ''}`);
  // CSSOM, not a style attribute string: allowed under style-src 'self'.
  fill.style.width = `${percent}%`;

  setText(widget.querySelector('.progress-percent'), percentText(percent));
  setText(widget.querySelector('.progress-stage'), job.stage || '');
  const eta = active && job.etaSeconds != null ? `ETA ${duration(job.etaSeconds)}` : '';
  setText(widget.querySelector('.progress-eta'), eta);
}

// ---- Error banners -------------------------------------------------------

const bannerKeys = new Map();

/**
 * Shows an ApiError (or any Error) as a dismissable banner with title, detail and code.
 * Identical errors are shown once: a dead server would otherwise add a banner per poll.
 */
export function showError(error) {
  const host = document.getElementById('banners');
  if (!host || error?.name === 'AbortError') return;
  if (error?.status === 401) return; // "not signed in" is handled by sending the user to #/sign-in
  const title = error?.title || error?.message || 'Something went wrong';
  const detail = error?.title ? error.detail : '';
  const code = error?.code || '';
  const key = `${code}|${title}|${detail}`;
  const existing = bannerKeys.get(key);
  if (existing?.isConnected) {
    existing.classList.remove('flash');
    void existing.offsetWidth; // restart the highlight animation to signal a repeat
    existing.classList.add('flash');
    return;
  }

  const banner = el('div', { class: 'banner error-banner', role: 'alert', 'data-code': code || null },
    el('div', { class: 'banner-body' },
      el('strong', { class: 'banner-title' }, title),
      detail ? el('p', { class: 'banner-detail' }, detail) : null,
      code ? el('p', { class: 'banner-code' }, 'Error code ', el('code', {}, code)) : null),
    el('button', {
      type: 'button', class: 'banner-close', 'aria-label': 'Dismiss error',
      onclick: () => { banner.remove(); bannerKeys.delete(key); },
    }, '×'));
  bannerKeys.set(key, banner);
  host.append(banner);
}

/** Removes every banner (after signing in or out the old errors no longer apply). */
export function clearBanners() {
  document.getElementById('banners')?.replaceChildren();
  bannerKeys.clear();
}

// ---- Forms and one-time secrets -------------------------------------------

/** A labelled form control; the label wraps the control so no for/id pairing is needed. */
export function field(label, control, hint) {
  return el('label', { class: 'field' }, el('span', { class: 'field-label' }, label), control,
    hint ? el('span', { class: 'field-hint muted' }, hint) : null);
}

/** A form's inline message area (role=alert for errors, status for success). */
export function setFormMessage(node, text, kind = 'error') {
  node.hidden = !text;
  node.dataset.kind = kind;
  node.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  setText(node, text || '');
}

/**
 * A secret the server returns once (a new API key, a generated password): read-only field,
 * copy button and a warning that it will not be shown again. `id` goes on the field for tests.
 */
export function oneTimeSecret(id, value, what) {
  const input = el('input', { id, class: 'secret-value mono', type: 'text', readonly: true, value, 'aria-label': what, spellcheck: 'false' });
  const status = el('span', { class: 'copy-status muted', role: 'status' });
  const copy = el('button', { type: 'button', class: 'button small copy-secret', onclick: async () => {
    try {
      await navigator.clipboard.writeText(value);
      setText(status, 'Copied.');
    } catch {
      // No clipboard access (plain http on another host): select it for Ctrl+C instead.
      input.select();
      setText(status, 'Selected; press Ctrl+C to copy.');
    }
  } }, 'Copy');
  return el('div', { class: 'callout secret', 'data-secret': id },
    el('p', { class: 'secret-warning' }, el('strong', {}, `Copy this ${what} now.`), ' It will not be shown again.'),
    el('div', { class: 'secret-row' }, input, copy, status));
}
