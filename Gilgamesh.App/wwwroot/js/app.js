// Entry point: loads module navigation, renders the sidebar and routes hash URLs
// (#/jobs, #/jobs/{id}, module pages) to page modules.
// A page module exports mount(root, context) and returns a cleanup function that
// must stop its timers and live subscriptions; the router calls it on every navigation.
// Everything but #/sign-in needs a session: signed-out visitors (and any API 401) land on
// #/sign-in?return=<where they were>, and come back there after signing in.
import { api, setUnauthorizedHandler } from './api.js';
import { el, replace, setText } from './dom.js';
import { clearBanners, showError } from './ui.js';
import { can, currentRole, currentUser, forget, isSignedIn, refreshSession, signOut } from './session.js';
import * as homePage from './pages/home.js';
import * as jobsPage from './pages/jobs.js';
import * as jobDetailPage from './pages/job-detail.js';
import * as signInPage from './pages/sign-in.js';
import * as accountPage from './pages/account.js';
import * as usersPage from './pages/users.js';
import * as auditPage from './pages/audit.js';

// "/" lands on the home page: what each module does, what ran recently, what needs attention.
const DEFAULT_ROUTE = '#/home';
const HOME_NAV = { title: 'Home', path: '#/home', order: 0, module: null };
// Used when the navigation endpoint is unreachable, so the Jobs page always works.
const FALLBACK_NAV = [{ title: 'Jobs', path: '#/jobs', order: 10, module: 'platform' }];

const SIGN_IN = '/sign-in';
const ACCOUNT = '/account';
// Admin pages are listed in the navigation only for admins.
const ADMIN_NAV = [
  { title: 'Users', path: '#/users', order: 900, module: null },
  { title: 'Audit', path: '#/audit', order: 910, module: null },
];

const routes = [
  { pattern: /^\/sign-in$/, page: signInPage, anonymous: true },
  { pattern: /^\/account$/, page: accountPage },
  { pattern: /^\/users$/, page: usersPage, role: 'admin' },
  { pattern: /^\/audit$/, page: auditPage, role: 'admin' },
  { pattern: /^\/home$/, page: homePage },
  { pattern: /^\/jobs\/?$/, page: jobsPage },
  { pattern: /^\/jobs\/([^/]+)\/?$/, page: jobDetailPage, params: (m) => ({ id: decodeURIComponent(m[1]) }) },
  // Modules add their own routes here (loadModulePages).
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

let modulePages = null; // Promise: module routes are loaded once per page load, after signing in

/**
 * Modules that ship dashboard pages announce a pages script in GET modules (served from the module's
 * embedded resources); each exports routes [{ pattern, page, params }] that join the shell's routes.
 */
function loadModulePages() {
  modulePages ??= (async () => {
    let modules = [];
    try {
      modules = await api.get('modules');
    } catch (error) {
      modulePages = null; // try again on the next sign-in
      showError(error);
      return;
    }
    for (const module of (Array.isArray(modules) ? modules : []).filter((m) => m && m.pages)) {
      try {
        const script = await import(new URL(module.pages, document.baseURI).href);
        for (const r of script.routes ?? []) routes.push({ ...r, module: module.name });
      } catch (error) {
        showError(new Error(`The ${module.name} module's pages did not load: ${error.message}`));
      }
    }
  })();
  return modulePages;
}

/** '#/jobs?x=1' → '/jobs'; nav entries may or may not carry the leading '#'. */
function normalizePath(path) {
  return String(path).replace(/^#/, '').split('?')[0].replace(/\/+$/, '') || '/';
}

function renderNavigation() {
  const current = normalizePath(location.hash);
  const entries = isSignedIn() ? [HOME_NAV, ...navigation, ...(can('admin') ? ADMIN_NAV : [])] : [];
  const items = entries.map((entry) => {
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

/** Sidebar pieces that depend on who is signed in: user menu, admin-only links. */
function renderSession() {
  const user = currentUser();
  document.body.dataset.auth = user ? 'signed-in' : 'signed-out';
  document.body.dataset.role = currentRole() || '';
  document.getElementById('user-menu').hidden = !user;
  setText(document.getElementById('user-name'), user?.userName ?? '');
  const role = document.getElementById('user-role');
  setText(role, currentRole() ?? '');
  role.dataset.role = currentRole() ?? '';
  // The console answers 403 to anyone but an admin, so only admins get the link.
  document.getElementById('link-hangfire').hidden = !can('admin');
}

/** Where to go back to after signing in: only dashboard routes, never the sign-in page itself. */
function safeReturn(hash) {
  return typeof hash === 'string' && hash.startsWith('#/') && normalizePath(hash) !== SIGN_IN ? hash : DEFAULT_ROUTE;
}

function goToSignIn() {
  const here = location.hash;
  const target = normalizePath(here) === SIGN_IN || !here || here === '#/' ? `#${SIGN_IN}`
    : `#${SIGN_IN}?return=${encodeURIComponent(here)}`;
  if (location.hash !== target) location.replace(target);
  else route();
}

/** Any API call answering 401: the session is gone (expired, signed out elsewhere, disabled). */
function handleUnauthorized() {
  const wasSignedIn = isSignedIn();
  forget();
  renderSession();
  if (normalizePath(location.hash) !== SIGN_IN) goToSignIn();
  else if (wasSignedIn) route();
}

/**
 * Navigation and module pages, once the account may use the API: until a forced password change is done the API
 * answers only the account calls (auth.password_change_required), so they load after it (onSessionChanged).
 */
async function loadShell() {
  if (currentUser()?.mustChangePassword) { navigation = FALLBACK_NAV; return; }
  navigation = await loadNavigation();
  await loadModulePages();
}

async function onSessionChanged() {
  renderSession();
  if (navigation === FALLBACK_NAV && isSignedIn() && !currentUser()?.mustChangePassword) {
    await loadShell();
    renderNavigation();
  }
}

async function onSignedIn(returnHash) {
  clearBanners();
  await loadShell();
  renderSession();
  // The Hangfire console sends signed-out visitors here with return=/hangfire/…; send admins back.
  if (!currentUser()?.mustChangePassword && can('admin') && /^\/hangfire(\/|\?|$)/.test(returnHash ?? '')) {
    location.assign(new URL(returnHash.slice(1), document.baseURI));
    return;
  }
  const target = currentUser()?.mustChangePassword ? `#${ACCOUNT}` : safeReturn(returnHash);
  if (location.hash === target) route(); else location.replace(target);
}

async function onSignOut() {
  // Unmount first: a page polling in the background would otherwise meet the 401 and redirect on its own.
  if (cleanup) { cleanup(); cleanup = null; }
  try {
    await signOut();
  } catch (error) {
    if (error.status !== 401) showError(error);
  }
  clearBanners();
  renderSession();
  location.replace(`#${SIGN_IN}`);
}

function forbidden() {
  return el('section', { class: 'panel not-found', 'data-code': 'auth.forbidden' },
    el('h1', {}, 'Your role does not allow this'),
    el('p', {}, 'This page is for administrators. Ask one if you need access.'),
    el('p', {}, el('a', { class: 'button', href: DEFAULT_ROUTE }, 'Go home')));
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
    el('p', {}, el('a', { class: 'button', href: DEFAULT_ROUTE }, 'Go home')));
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
  const match = routes.map((r) => ({ r, m: path.match(r.pattern) })).find((x) => x.m);

  if (!isSignedIn() && !match?.r.anonymous) { goToSignIn(); return; }
  // A first or reset password must be replaced before anything else.
  if (isSignedIn() && currentUser()?.mustChangePassword && path !== ACCOUNT && path !== SIGN_IN) {
    location.replace(`#${ACCOUNT}`);
    return;
  }

  // Remember focus so re-mounting after a filter change does not throw keyboard users back to the top.
  const focusedId = root.contains(document.activeElement) ? document.activeElement.id : null;
  const previousPath = root.dataset.path;

  if (cleanup) { cleanup(); cleanup = null; }
  // A banner is about the page it appeared on; it does not follow the user to the next one.
  if (previousPath !== undefined && previousPath !== path) clearBanners();
  replace(root);
  root.dataset.path = path;
  renderNavigation();

  if (match && match.r.role && !can(match.r.role)) {
    document.title = 'Not allowed · Gilgamesh';
    root.append(forbidden());
  } else if (match) {
    const params = match.r.params ? match.r.params(match.m) : {};
    cleanup = match.r.page.mount(root, {
      params, query, modules: moduleNames(), onSignedIn, onSessionChanged,
    }) || null;
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
  setUnauthorizedHandler(handleUnauthorized);
  document.getElementById('sign-out').addEventListener('click', onSignOut);
  try {
    await refreshSession();
  } catch (error) {
    showError(error);
  }
  if (isSignedIn()) await loadShell();
  renderSession();
  window.addEventListener('hashchange', route);
  route();
}

start();
