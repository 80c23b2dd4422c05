// Who is signed in. The session itself is an HttpOnly cookie the page never sees;
// this module only remembers what GET /auth/me said, so pages can hide what the role cannot do.
import { api, resetAntiforgery } from './api.js';

const RANK = { viewer: 1, editor: 2, admin: 3 };
export const ROLES = ['viewer', 'editor', 'admin'];

let state = null; // { user, role } while signed in

// The cookie is HttpOnly, so the page cannot see it. This hint (set on sign-in, dropped on sign-out
// or any 401) spares a signed-out visitor a failing /auth/me on every load; a stale "yes" just costs one 401.
const HINT = 'gilgamesh.signed-in';

function hint(on) {
  try {
    if (on) localStorage.setItem(HINT, '1'); else localStorage.removeItem(HINT);
  } catch { /* storage disabled: always ask the server */ }
}

function hinted() {
  try { return localStorage.getItem(HINT) !== null; } catch { return true; }
}

export const currentUser = () => state?.user ?? null;
export const currentRole = () => state?.role ?? null;
export const isSignedIn = () => state !== null;

/** Whether the signed-in role is at least `minimum` (viewer < editor < admin). */
export function can(minimum) {
  return (RANK[currentRole()] ?? 0) >= (RANK[minimum] ?? 99);
}

/** Roles up to and including the current one: a key or a new user never outranks its maker here. */
export const rolesUpToMine = () => ROLES.filter((r) => can(r));

/** Asks the server who we are; a 401 just means "signed out" here, not an error. */
export async function refreshSession() {
  if (!hinted()) { state = null; return state; }
  try {
    const me = await api.get('auth/me', { noAuthRedirect: true });
    state = { user: me.user, role: me.effectiveRole || me.user?.role };
  } catch (error) {
    if (error.status !== 401) throw error;
    forget();
  }
  return state;
}

export async function signIn(userName, password) {
  resetAntiforgery();
  const user = await api.post('auth/sign-in', { body: { userName, password }, noAuthRedirect: true });
  resetAntiforgery(); // the token belongs to the identity that fetched it
  state = { user, role: user.role };
  hint(true);
  return user;
}

export async function signOut() {
  try {
    await api.post('auth/sign-out', { noAuthRedirect: true });
  } finally {
    forget();
  }
}

/** Drops what we knew (after sign-out or when the server said 401). */
export function forget() {
  state = null;
  hint(false);
  resetAntiforgery();
}

/** After a password change the server clears mustChangePassword; mirror that without a round trip. */
export function markPasswordChanged() {
  if (state?.user) state.user = { ...state.user, mustChangePassword: false };
}
