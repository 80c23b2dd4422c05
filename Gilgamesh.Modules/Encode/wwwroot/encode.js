// Encode (#/encode): queue control and encoder state, the live queue, the libraries, and (administrators only: a
// library rewrites files on disk) a form to create one under the configured roots with its profile.
// Test hooks: #encode-libraries li[data-library-id] a, #encode-library-form (#encode-name, #encode-folders, #encode-codec,
// #encode-quality, #encode-speed, #encode-max-bitrate, #encode-min-ssim, #encode-create), #encode-library-message[data-kind].
import { api, isAbort } from '../../js/api.js';
import { el, replace } from '../../js/dom.js';
import { can } from '../../js/session.js';
import { showError } from '../../js/ui.js';
import { libraryForm } from './encode-library-form.js';
import { queuePanel } from './encode-queue.js';
import { statusPanel } from './encode-status.js';

export function mount(root) {
  const aborter = new AbortController();
  const signal = aborter.signal;
  document.title = 'Encode · Gilgamesh';

  const list = el('ul', { id: 'encode-libraries', class: 'home-list' }, el('li', { class: 'muted' }, 'Loading…'));
  const status = statusPanel(signal);
  const queue = queuePanel(signal);
  const form = can('admin') ? libraryForm(signal, status.status, (created) => { location.hash = `#/encode/${encodeURIComponent(created.id)}`; }) : null;

  root.append(el('section', { class: 'encode' },
    el('header', { class: 'page-header' }, el('h1', {}, 'Encode'),
      el('p', { class: 'muted' }, 'Watched folders brought to a quality profile with NVENC or CPU ffmpeg; every output is verified before it replaces an original, and the original is archived.')),
    el('div', { class: 'home-grid' },
      el('section', { class: 'panel', 'aria-labelledby': 'encode-libraries-title' },
        el('h2', { id: 'encode-libraries-title' }, 'Libraries'), list),
      status.node),
    queue.node,
    form));

  (async () => {
    try {
      const libraries = await api.get('encode/libraries', { signal });
      replace(list, libraries.length
        ? libraries.map((l) => el('li', { 'data-library-id': l.id },
          el('a', { href: `#/encode/${encodeURIComponent(l.id)}` }, l.name), ' ',
          el('span', { class: 'muted' }, `${l.profile.codec} q${l.profile.quality} · ${l.folders.join(', ')}${l.paused ? ' · paused' : ''}`)))
        : el('li', { class: 'muted' }, can('admin') ? 'No library yet: create one below.' : 'No library yet: an administrator creates them.'));
    } catch (error) {
      if (!isAbort(error)) showError(error);
    }
  })();

  return () => { status.stop(); queue.stop(); aborter.abort(); };
}

