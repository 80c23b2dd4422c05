// Sign-in (#/sign-in?return=<hash>). The same message for an unknown name and a wrong password
// (the server does not say which); a lockout says how long to wait.
import { el } from '../dom.js';
import { field, setFormMessage } from '../ui.js';
import { signIn } from '../session.js';

export function mount(root, { query, onSignedIn }) {
  let alive = true;
  document.title = 'Sign in · Gilgamesh';

  const user = el('input', { id: 'sign-in-user', name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = el('input', { id: 'sign-in-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = el('button', { id: 'sign-in-submit', type: 'submit', class: 'button primary' }, 'Sign in');
  const error = el('p', { id: 'sign-in-error', class: 'form-message', hidden: true });

  const form = el('form', { class: 'panel auth-form', 'aria-labelledby': 'sign-in-title', onsubmit: submitForm },
    el('h1', { id: 'sign-in-title' }, 'Sign in to Gilgamesh'),
    error,
    field('User name', user),
    field('Password', password),
    el('div', { class: 'actions' }, submit));
  root.append(el('div', { class: 'auth-page' }, form));
  user.focus();

  async function submitForm(event) {
    event.preventDefault();
    setFormMessage(error, '');
    submit.disabled = true;
    try {
      await signIn(user.value.trim(), password.value);
      if (alive) await onSignedIn(query.get('return'));
    } catch (e) {
      if (!alive) return;
      password.value = '';
      setFormMessage(error, messageFor(e));
      password.focus();
    } finally {
      submit.disabled = false;
    }
  }

  return () => { alive = false; };
}

function messageFor(error) {
  if (error.code === 'auth.invalid_credentials') return 'Wrong user name or password.';
  if (error.status === 429) {
    return error.retryAfter != null
      ? `Too many failed sign-ins. Try again in ${error.retryAfter} s.`
      : 'Too many sign-in attempts. Wait a moment and try again.';
  }
  return error.detail || error.title || 'Sign-in failed.';
}
