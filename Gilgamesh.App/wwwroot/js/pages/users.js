// Users (#/users, admins): create people, change roles, disable, reset passwords.
// Generated passwords come back once and are shown once (#new-user-password, #reset-password-value).
import { api, isAbort } from '../api.js';
import { el, replace } from '../dom.js';
import { field, oneTimeSecret, setFormMessage, showError } from '../ui.js';
import { currentUser, ROLES } from '../session.js';
import { timeCell } from './account.js';

export function mount(root) {
  const aborter = new AbortController();
  const me = currentUser();
  document.title = 'Users · Gilgamesh';

  const name = el('input', { id: 'new-user-name', required: true, minlength: 2, maxlength: 64, autocomplete: 'off', spellcheck: 'false' });
  const email = el('input', { id: 'new-user-email', type: 'email', autocomplete: 'off' });
  const role = el('select', { id: 'new-user-role' }, ROLES.map((r) => el('option', { value: r, selected: r === 'editor' }, r)));
  const create = el('button', { id: 'create-user', type: 'submit', class: 'button primary' }, 'Create user');
  const message = el('p', { id: 'user-message', class: 'form-message', hidden: true });
  const secret = el('div', { id: 'user-secret' });
  const tbody = el('tbody', { id: 'users-body' });

  root.append(
    el('header', { class: 'page-header' }, el('h1', {}, 'Users')),
    el('section', { class: 'panel', 'aria-labelledby': 'new-user-title' },
      el('h2', { id: 'new-user-title' }, 'New user'),
      el('form', { class: 'inline-form', onsubmit: createUser },
        field('User name', name), field('Email (optional)', email), field('Role', role),
        el('div', { class: 'actions' }, create)),
      el('p', { class: 'muted' }, 'A password is generated; the user must change it at first sign-in.')),
    message, secret,
    el('div', { class: 'table-wrap' }, el('table', { id: 'users-table', class: 'data-table' },
      el('thead', {}, el('tr', {}, ['User', 'Email', 'Role', 'Status', 'Last sign-in', ''].map((h) => el('th', { scope: 'col' }, h)))),
      tbody)));

  function showSecret(id, value, who) {
    replace(secret, oneTimeSecret(id, value, `password for ${who}`));
    secret.scrollIntoView({ block: 'nearest' });
  }

  async function createUser(event) {
    event.preventDefault();
    setFormMessage(message, '');
    create.disabled = true;
    try {
      const created = await api.post('users', {
        body: { userName: name.value.trim(), email: email.value.trim() || null, role: role.value }, signal: aborter.signal,
      });
      if (created.password) showSecret('new-user-password', created.password, created.user.userName);
      name.value = email.value = '';
      await load();
    } catch (error) {
      if (!isAbort(error)) setFormMessage(message, error.detail || error.title);
    } finally {
      create.disabled = false;
    }
  }

  async function update(user, patch, control) {
    control.disabled = true;
    try {
      await api.patch(`users/${encodeURIComponent(user.id)}`, { body: patch, signal: aborter.signal });
    } catch (error) {
      if (!isAbort(error)) showError(error);
    }
    await load(); // show what the server has either way (a refused change snaps back)
  }

  async function resetPassword(user, button) {
    if (!window.confirm(`Reset the password of ${user.userName}? Their current password stops working.`)) return;
    button.disabled = true;
    try {
      const { password } = await api.post(`users/${encodeURIComponent(user.id)}/reset-password`, { signal: aborter.signal });
      showSecret('reset-password-value', password, user.userName);
    } catch (error) {
      if (!isAbort(error)) showError(error);
    } finally {
      button.disabled = false;
    }
  }

  function row(user) {
    const self = user.id === me?.id;
    const roleSelect = el('select', { class: 'user-role', 'aria-label': `Role of ${user.userName}`, disabled: self,
      onchange: () => update(user, { role: roleSelect.value }, roleSelect) },
    ROLES.map((r) => el('option', { value: r, selected: r === user.role }, r)));
    const toggle = el('button', { type: 'button', class: `button small user-disable${user.disabled ? '' : ' danger'}`, disabled: self,
      'aria-pressed': user.disabled ? 'true' : 'false',
      onclick: () => update(user, { disabled: !user.disabled }, toggle) }, user.disabled ? 'Enable' : 'Disable');
    const reset = el('button', { type: 'button', class: 'button small reset-password', onclick: () => resetPassword(user, reset) }, 'Reset password');
    return el('tr', { class: 'user-row', 'data-user-id': user.id, 'data-user-name': user.userName, 'data-disabled': String(user.disabled) },
      el('td', {}, el('strong', {}, user.userName), self ? el('span', { class: 'muted' }, ' (you)') : null),
      el('td', {}, user.email || '—'),
      el('td', {}, roleSelect),
      el('td', {}, user.disabled ? 'Disabled' : user.mustChangePassword ? 'Must change password' : 'Active'),
      user.lastSignInAt ? timeCell(user.lastSignInAt) : el('td', { class: 'muted' }, 'never'),
      el('td', { class: 'row-actions' }, toggle, reset));
  }

  async function load() {
    try {
      const users = await api.get('users', { signal: aborter.signal });
      replace(tbody, users.map(row));
    } catch (error) {
      if (!isAbort(error)) showError(error);
    }
  }

  load();
  return () => aborter.abort();
}
