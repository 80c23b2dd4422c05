// Dashboard home (#/home, where "/" lands): what each module does, what ran recently, what needs attention
// (failed jobs, rejected or stuck uploads, a degraded readiness check). Each part loads on its own, so one
// failing call leaves the others on screen.
// Test hooks: #home-modules li[data-module], #home-recent li[data-job-id], #home-attention li[data-kind], #home-attention-none.
import { api, isAbort } from '../api.js';
import { el, replace } from '../dom.js';
import { relativeTime } from '../format.js';
import { statusBadge } from '../ui.js';

// What a newcomer needs to know about each module; a module not listed here still shows with its name.
const MODULE_TEXT = {
  platform: ['Jobs', '#/jobs', 'Every long task runs as a background job with live progress, logs, cancel and retry.'],
  ingest: ['Library', '#/library', 'Brings media in — drag-and-drop and resumable uploads, links (yt-dlp pages too) — and analyses it: scenes and slides, text (OCR), transcripts and captions.'],
  highlights: ['Highlights', '#/highlights', 'Turns a lecture or talk into ranked highlight clips, subtitles and chapters.'],
  choreography: ['Choreography', '#/choreography', 'Turns a song or a description into a beat-exact dance blueprint and video.'],
  encode: ['Encode', '#/encode', 'Brings watched library folders to a quality profile, verified before anything is replaced.'],
};

export function mount(root) {
  const aborter = new AbortController();
  const signal = aborter.signal;
  document.title = 'Home · Gilgamesh';

  const modules = el('ul', { id: 'home-modules', class: 'home-modules' }, el('li', { class: 'muted' }, 'Loading…'));
  const recent = el('ul', { id: 'home-recent', class: 'home-list' }, el('li', { class: 'muted' }, 'Loading…'));
  const attention = el('ul', { id: 'home-attention', class: 'home-list' }, el('li', { class: 'muted' }, 'Loading…'));
  root.append(el('section', { class: 'home' },
    el('header', { class: 'page-header' }, el('h1', {}, 'Gilgamesh'),
      el('p', { class: 'muted' }, 'A self-hosted media platform: bring media in, analyse it, and watch the work run.')),
    el('div', { class: 'home-grid' },
      el('section', { class: 'panel', 'aria-labelledby': 'home-attention-title' }, el('h2', { id: 'home-attention-title' }, 'Needs attention'), attention),
      el('section', { class: 'panel', 'aria-labelledby': 'home-recent-title' }, el('h2', { id: 'home-recent-title' }, 'Recently'), recent,
        el('p', {}, el('a', { href: '#/jobs' }, 'All jobs →'))),
      el('section', { class: 'panel home-wide', 'aria-labelledby': 'home-modules-title' }, el('h2', { id: 'home-modules-title' }, 'What is here'), modules))));

  const quiet = (promise, fallback) => promise.catch((error) => { if (isAbort(error)) throw error; return fallback; });

  (async () => {
    const list = await quiet(api.get('modules', { signal }), []);
    const names = ['platform', ...list.map((m) => m.name)];
    replace(modules, names.map((name) => {
      const [title, href, text] = MODULE_TEXT[name] ?? [name, null, 'An installed module.'];
      return el('li', { 'data-module': name },
        el('h3', {}, href ? el('a', { href }, title) : title), el('p', {}, text));
    }));
  })().catch(() => {});

  (async () => {
    const page = await quiet(api.get('jobs', { query: { pageSize: 8 }, signal }), { items: [] });
    replace(recent, page.items?.length
      ? page.items.map((job) => el('li', { 'data-job-id': job.id },
        statusBadge(job.status), ' ',
        el('a', { href: `#/jobs/${encodeURIComponent(job.id)}` }, job.name ?? `${job.module} · ${job.kind}`), ' ',
        el('span', { class: 'muted' }, relativeTime(job.createdAt))))
      : el('li', { class: 'muted' }, 'Nothing has run yet. Upload a file on the Library page, or run the self-test on Jobs.'));
  })().catch(() => {});

  (async () => {
    const [failed, rejected, receiving, ready] = await Promise.all([
      quiet(api.get('jobs', { query: { status: 'failed', pageSize: 5 }, signal }), { items: [] }),
      quiet(api.get('ingest/items', { query: { status: 'rejected', limit: 5 }, signal }), { items: [] }),
      quiet(api.get('ingest/items', { query: { status: 'receiving', limit: 5 }, signal }), { items: [] }),
      quiet(fetch('health/ready', { signal }).then((r) => r.json()), null),
    ]);
    const rows = [
      ...(failed.items ?? []).map((job) => el('li', { 'data-kind': 'failed-job' }, statusBadge('failed'), ' ',
        el('a', { href: `#/jobs/${encodeURIComponent(job.id)}` }, job.name ?? `${job.module} · ${job.kind}`), ' ',
        el('code', { class: 'error-code' }, job.errorCode ?? ''), ' — retry it from its page')),
      ...(rejected.items ?? []).map((item) => el('li', { 'data-kind': 'rejected-media' }, 'Rejected: ',
        el('a', { class: 'file-name', href: `#/library/${encodeURIComponent(item.id)}` }, item.name), ' ',
        el('code', { class: 'error-code' }, item.rejectedCode ?? ''))),
      ...(receiving.items ?? []).map((item) => el('li', { 'data-kind': 'unfinished-upload' }, 'Upload not finished: ',
        el('a', { class: 'file-name', href: `#/library/${encodeURIComponent(item.id)}` }, item.name), ' — drop the same file on the Library page to resume, or delete it')),
      ...Object.entries(ready?.checks ?? {}).filter(([, c]) => c?.status && c.status !== 'healthy')
        .map(([name, c]) => el('li', { 'data-kind': 'health' }, `${name}: ${c.status}`, c.description ? ` — ${c.description}` : '')),
    ];
    replace(attention, rows.length ? rows : el('li', { id: 'home-attention-none', class: 'muted' }, 'Nothing needs attention.'));
  })().catch(() => {});

  return () => aborter.abort();
}
