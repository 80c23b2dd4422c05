// Entry point: loads module navigation, renders the sidebar and routes hash URLs
// (#/jobs, #/jobs/{id}, module pages) to page modules.
// A page module exports mount(root, context) and returns a cleanup function that
// must stop its timers and live subscriptions; the router calls it on every navigation.
import { api } from './api.js';
import { el, replace } from './dom.js';
import { showError } from './ui.js';
import * as jobsPage from './pages/jobs.js';
import * as jobDetailPage from './pages/job-detail.js';

const DEFAULT_ROUTE = '#/jobs';
// Used when the navigation endpoint is unreachable, so the Jobs page always works.
const FALLBACK_NAV = [{ title: 'Jobs', path: '#/jobs', order: 10, module: 'platform' }];

const routes = [
  { pattern: /^\/jobs\/?$/, page: jobsPage },
  { pattern: /^\/jobs\/([^/]+)\/?$/, page: jobDetailPage, params: (m) => ({ id: decodeURIComponent(m[1]) }) },
];

let navigation = FALLBACK_NAV;
let cleanup = null;

async function loadNavigation() {
  try {
    const entries = await api.get('modules/navigation');
    const list = Array.isArray(entries) ? entries.filter((e) => e && e.title && e.path) : [];
    // The Jobs page is built into the shell, so keep it even if no module lists it.
    if (!list.some((e) => normalizePath(e.path) === '/jobs')) list.push(...FALLBACK_NAV);
    return list.sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.title.localeCompare(b.title));
  } catch (error) {
    showError(error);
    return FALLBACK_NAV;
  }
}

/** '#/jobs?x=1' → '/jobs'; nav entries may or may not carry the leading '#'. */
function normalizePath(path) {
  return String(path).replace(/^#/, '').split('?')[0].replace(/\/+$/, '') || '/';
}

function renderNavigation() {
  const current = normalizePath(location.hash);
  const items = navigation.map((entry) => {
    const path = normalizePath(entry.path);
    const active = current === path || current.startsWith(`${path}/`);
    return el('li', {},
      el('a', {
        href: entry.path, 'data-module': entry.module || null,
        'aria-current': active ? 'page' : null,
      }, entry.title));
  });
  replace(document.getElementById('nav-links'), items);
}

/** Module names for the jobs filter: every module that contributes navigation, plus the platform. */
function moduleNames() {
  return [...new Set(['platform', ...navigation.map((e) => e.module).filter(Boolean)])].sort();
}

function comingSoon(entry) {
  const module = entry.module || 'unknown';
  return el('section', { class: 'panel coming-soon', 'data-module': module },
    el('h1', {}, entry.title),
    el('p', {}, 'This page from the ', el('strong', {}, module), ' module is coming soon.'),
    el('p', { class: 'muted' }, 'The module is installed; its dashboard page has not been built yet. Its background work already shows up on the Jobs page.'),
    el('p', {}, el('a', { class: 'button', href: `#/jobs?module=${encodeURIComponent(module)}` }, `View ${module} jobs`)));
}

function notFound(path) {
  return el('section', { class: 'panel not-found' },
    el('h1', {}, 'Page not found'),
    el('p', {}, 'Nothing lives at ', el('code', {}, `#${path}`), '.'),
    el('p', {}, el('a', { class: 'button', href: DEFAULT_ROUTE }, 'Go to Jobs')));
}

function route() {
  if (!location.hash || location.hash === '#' || location.hash === '#/') {
    // replace(), not assignment: the bare URL should not become a history entry.
    location.replace(DEFAULT_ROUTE);
    return;
  }
  const [rawPath, rawQuery = ''] = location.hash.slice(1).split('?');
  const path = rawPath.replace(/\/+$/, '') || '/';
  const query = new URLSearchParams(rawQuery);
  const root = document.getElementById('view');

  // Remember focus so re-mounting after a filter change does not throw keyboard users back to the top.
  const focusedId = root.contains(document.activeElement) ? document.activeElement.id : null;
  const previousPath = root.dataset.path;

  if (cleanup) { cleanup(); cleanup = null; }
  replace(root);
  root.dataset.path = path;
  renderNavigation();

  const match = routes.map((r) => ({ r, m: path.match(r.pattern) })).find((x) => x.m);
  if (match) {
    const params = match.r.params ? match.r.params(match.m) : {};
    cleanup = match.r.page.mount(root, { params, query, modules: moduleNames() }) || null;
  } else {
    const entry = navigation.find((e) => normalizePath(e.path) === path);
    document.title = `${entry ? entry.title : 'Not found'} · Gilgamesh`;
    root.append(entry ? comingSoon(entry) : notFound(path));
  }

  if (focusedId && document.getElementById(focusedId)) document.getElementById(focusedId).focus();
  else if (previousPath && previousPath !== path) root.focus({ preventScroll: true });
  if (previousPath !== path) window.scrollTo(0, 0);
}

async function start() {
  navigation = await loadNavigation();
  window.addEventListener('hashchange', route);
  route();
}

start();
