// Queue control and encoder state (GET encode/status), shown on both encode pages: global pause and resume,
// the NVENC session leases and cool-down, and which encoders work on this machine (the probe's reasons).
// Test hooks: #encode-status[data-paused], #encode-pause, #encode-resume, #encode-gpu[data-leased][data-budget][data-cooling],
// #encode-encoders li[data-encoder][data-works].
import { api, isAbort } from '../../js/api.js';
import { el, replace, setText } from '../../js/dom.js';
import { absoluteTime } from '../../js/format.js';
import { can } from '../../js/session.js';
import { showError } from '../../js/ui.js';

const REFRESH_MS = 5000;

/** Returns { node, status() (the last answer, a promise), refresh(), stop() }. */
export function statusPanel(signal, onChange) {
  const state = el('p', { id: 'encode-paused-state' }, 'Loading…');
  const gpu = el('p', { id: 'encode-gpu' });
  const encoders = el('ul', { id: 'encode-encoders', class: 'home-list' });
  const pause = el('button', { id: 'encode-pause', type: 'button', class: 'button', onclick: () => toggle('pause') }, 'Pause all');
  const resume = el('button', { id: 'encode-resume', type: 'button', class: 'button primary', onclick: () => toggle('resume') }, 'Resume all');
  const node = el('section', { id: 'encode-status', class: 'panel', 'aria-labelledby': 'encode-status-title' },
    el('h2', { id: 'encode-status-title' }, 'Queue and encoders'),
    el('div', { class: 'actions' }, state, can('editor') ? [pause, resume] : null),
    gpu, encoders);
  let timer = null;
  let last = Promise.resolve(null);

  async function toggle(verb) {
    pause.disabled = resume.disabled = true;
    try {
      await api.post(`encode/${verb}`, { signal });
      await refresh();
      onChange?.();
    } catch (error) {
      if (!isAbort(error)) showError(error);
    } finally {
      pause.disabled = resume.disabled = false;
    }
  }

  function render(status) {
    node.dataset.paused = String(status.paused);
    setText(state, status.paused ? 'Paused: nothing new starts; a running encode finishes.' : 'Running: queued files start as workers free up.');
    pause.hidden = status.paused;
    resume.hidden = !status.paused;
    const g = status.gpu ?? {};
    gpu.dataset.leased = String(g.leased ?? 0);
    gpu.dataset.budget = String(g.budget ?? 0);
    gpu.dataset.cooling = String(Boolean(g.coolingUntil));
    setText(gpu, `GPU: ${g.leased ?? 0} of ${g.budget ?? 0} NVENC sessions leased`
      + (g.coolingUntil ? `; cooling down until ${absoluteTime(g.coolingUntil)} after: ${g.lastFailure ?? 'a failure'}` : '')
      + (!g.coolingUntil && g.lastFailure ? `; last failure: ${g.lastFailure}` : ''));
    replace(encoders, (status.encoders ?? []).map((e) => el('li', { 'data-encoder': e.encoder, 'data-works': String(e.works) },
      el('code', {}, e.encoder), ` (${e.kind}) `, e.works ? 'works here' : el('span', { class: 'muted' }, `not available: ${lastLine(e.reason)}`))));
  }

  async function refresh() {
    clearTimeout(timer);
    last = api.get('encode/status', { signal });
    try {
      render(await last);
    } catch (error) {
      if (!isAbort(error)) showError(error);
    }
    if (!signal.aborted) timer = setTimeout(refresh, REFRESH_MS);
  }

  refresh();
  return { node, status: () => last.catch(() => null), refresh, stop: () => clearTimeout(timer) };
}

function lastLine(text) {
  return String(text ?? 'no reason given').split('\n').map((l) => l.trim()).filter(Boolean).pop() ?? 'no reason given';
}
