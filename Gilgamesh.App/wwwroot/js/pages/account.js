// Your account (#/account): change the password, manage your API keys.
// A new key is shown once (#new-key-value); the list only ever has its prefix.
import { api, isAbort } from '../api.js';
import { el, replace, setText } from '../dom.js';
import { absoluteTime, relativeTime } from '../format.js';
import { field, oneTimeSecret, setFormMessage, showError } from '../ui.js';
import { can, currentRole, currentUser, markPasswordChanged, rolesUpToMine } from '../session.js';

const MIN_PASSWORD = 10;

export function mount(root, { onSessionChanged }) {
  const aborter = new AbortController();
  const user = currentUser();
  document.title = 'Account · Gilgamesh';

  // ---- password ----------------------------------------------------------
  const notice = el('div', { id: 'must-change-password', class: 'callout warning', role: 'status', hidden: !user?.mustChangePassword },
    el('strong', {}, 'Change your password first.'),
    ' You are using a generated password; choose your own before using the dashboard.');
  const current = el('input', { id: 'current-password', type: 'password', autocomplete: 'current-password', required: true });
  const next = el('input', { id: 'new-password', type: 'password', autocomplete: 'new-password', required: true, minlength: MIN_PASSWORD });
  const passwordSubmit = el('button', { id: 'change-password-submit', type: 'submit', class: 'button primary' }, 'Change password');
  const passwordMessage = el('p', { id: 'password-message', class: 'form-message', hidden: true });
  const passwordForm = el('form', { class: 'panel form-panel', 'aria-labelledby': 'password-title', onsubmit: changePassword },
    el('h2', { id: 'password-title' }, 'Password'),
    passwordMessage,
    field('Current password', current),
    field('New password', next, `At least ${MIN_PASSWORD} characters.`),
    el('div', { class: 'actions' }, passwordSubmit));

  // ---- keys ----------------------------------------------------------------
  const keyName = el('input', { id: 'key-name', required: true, maxlength: 100, placeholder: 'e.g. backup script' });
  const keyRole = el('select', { id: 'key-role' },
    rolesUpToMine().map((r) => el('option', { value: r, selected: r === currentRole() }, r)));
  const keyExpires = el('input', { id: 'key-expires', type: 'date', min: tomorrow() });
  const createKey = el('button', { id: 'create-key', type: 'submit', class: 'button primary' }, 'Create key');
  const keyMessage = el('p', { id: 'key-message', class: 'form-message', hidden: true });
  const newKey = el('div', { id: 'new-key' });
  const keysBody = el('tbody', { id: 'keys-body' });
  // Admins may list (and revoke) everyone's keys.
  const showAll = can('admin') ? el('input', { id: 'keys-all', type: 'checkbox', onchange: () => loadKeys() }) : null;
  const ownerHead = el('th', { scope: 'col', hidden: true }, 'Owner');
  let owners = new Map();
  const keysEmpty = el('p', { id: 'keys-empty', class: 'muted', hidden: true }, 'No API keys yet.');
  const keysPanel = el('section', { class: 'panel', 'aria-labelledby': 'keys-title' },
    el('h2', { id: 'keys-title' }, 'API keys'),
    el('p', { class: 'muted' }, 'Programs use a key in the ', el('code', {}, 'X-Api-Key'), ' header. A key acts as you, with at most your role.'),
    el('form', { class: 'inline-form', onsubmit: createKeySubmit },
      field('Name', keyName), field('Role', keyRole), field('Expires (optional)', keyExpires),
      el('div', { class: 'actions' }, createKey)),
    keyMessage, newKey,
    showAll ? el('label', { class: 'check' }, showAll, ' Show everyone’s keys') : null,
    el('div', { class: 'table-wrap' }, el('table', { id: 'keys-table', class: 'data-table' },
      el('thead', {}, el('tr', {}, ownerHead, ['Name', 'Prefix', 'Role', 'Created', 'Expires', 'Last used', ''].map((h) => el('th', { scope: 'col' }, h)))),
      keysBody)),
    keysEmpty);

  // Until the password is changed the API answers nothing else (auth.password_change_required), keys included.
  const forced = Boolean(user?.mustChangePassword);
  keysPanel.hidden = forced;
  const onward = el('p', { id: 'password-onward', class: 'callout', hidden: true },
    'Your password is set. ', el('a', { id: 'continue-to-dashboard', class: 'button primary', href: '#/home' }, 'Continue to the dashboard'));
  root.append(
    el('header', { class: 'page-header' }, el('h1', {}, 'Account'),
      el('span', { class: 'muted' }, user ? `${user.userName} · ${currentRole()}` : '')),
    notice, onward, passwordForm, keysPanel);
  if (user?.mustChangePassword) current.focus();

  async function changePassword(event) {
    event.preventDefault();
    if (next.value.length < MIN_PASSWORD) return setFormMessage(passwordMessage, `The new password needs at least ${MIN_PASSWORD} characters.`);
    passwordSubmit.disabled = true;
    try {
      await api.post('auth/password', { body: { currentPassword: current.value, newPassword: next.value }, signal: aborter.signal });
      current.value = next.value = '';
      markPasswordChanged();
      notice.hidden = true;
      onSessionChanged?.();
      setFormMessage(passwordMessage, 'Password changed.', 'ok');
      if (forced && keysPanel.hidden) {
        // The way onward after the forced change: the rest of the dashboard (and the keys) open up now.
        onward.hidden = false;
        keysPanel.hidden = false;
        loadKeys();
        onward.querySelector('a').focus();
      }
    } catch (error) {
      if (!isAbort(error)) setFormMessage(passwordMessage, error.detail || error.title);
    } finally {
      passwordSubmit.disabled = false;
    }
  }

  async function createKeySubmit(event) {
    event.preventDefault();
    setFormMessage(keyMessage, '');
    createKey.disabled = true;
    try {
      // A date means "valid through that day" in the browser's time zone.
      const expiresAt = keyExpires.value ? new Date(`${keyExpires.value}T23:59:59`).toISOString() : undefined;
      const created = await api.post('keys', { body: { name: keyName.value.trim(), role: keyRole.value, expiresAt }, signal: aborter.signal });
      replace(newKey, oneTimeSecret('new-key-value', created.key, 'API key'));
      keyName.value = keyExpires.value = '';
      await loadKeys();
    } catch (error) {
      if (!isAbort(error)) setFormMessage(keyMessage, error.detail || error.title);
    } finally {
      createKey.disabled = false;
    }
  }

  async function revoke(key, button) {
    if (!window.confirm(`Revoke the key "${key.name}" (${key.prefix}…)? Programs using it stop working at once.`)) return;
    button.disabled = true;
    try {
      await api.delete(`keys/${encodeURIComponent(key.id)}`, { signal: aborter.signal });
      await loadKeys();
    } catch (error) {
      if (!isAbort(error)) showError(error);
      button.disabled = false;
    }
  }

  function keyRow(key) {
    const revoked = Boolean(key.revokedAt);
    const expired = key.expiresAt && Date.parse(key.expiresAt) < Date.now();
    const state = revoked ? 'revoked' : expired ? 'expired' : 'active';
    const button = el('button', { type: 'button', class: 'button small danger revoke-key', 'data-key-id': key.id,
      hidden: state !== 'active', onclick: () => revoke(key, button) }, 'Revoke');
    return el('tr', { class: 'key-row', 'data-key-id': key.id, 'data-state': state },
      showAll?.checked ? el('td', { title: key.userId }, owners.get(key.userId) ?? key.userId.slice(0, 8)) : null,
      el('td', {}, key.name),
      el('td', { class: 'mono' }, `${key.prefix}…`),
      el('td', {}, key.role),
      timeCell(key.createdAt),
      key.expiresAt ? timeCell(key.expiresAt) : el('td', { class: 'muted' }, 'never'),
      key.lastUsedAt ? timeCell(key.lastUsedAt) : el('td', { class: 'muted' }, 'never'),
      el('td', {}, state === 'active' ? button : el('span', { class: 'badge', 'data-status': 'cancelled' }, state)));
  }

  async function loadKeys() {
    try {
      const all = Boolean(showAll?.checked);
      if (all && owners.size === 0) {
        const users = await api.get('users', { signal: aborter.signal });
        owners = new Map(users.map((u) => [u.id, u.userName]));
      }
      const keys = await api.get('keys', { query: { all: all ? 'true' : '' }, signal: aborter.signal });
      ownerHead.hidden = !all;
      replace(keysBody, keys.map(keyRow));
      keysBody.closest('.table-wrap').hidden = keys.length === 0;
      keysEmpty.hidden = keys.length !== 0;
    } catch (error) {
      if (!isAbort(error)) showError(error);
    }
  }

  if (!forced) loadKeys();
  return () => aborter.abort();
}

export function timeCell(iso) {
  const cell = el('td', { title: absoluteTime(iso) }, el('time', { datetime: iso }));
  setText(cell.firstChild, relativeTime(iso));
  return cell;
}

function tomorrow() {
  const d = new Date(Date.now() + 24 * 3600 * 1000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
