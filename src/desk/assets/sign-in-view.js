// The sign-in form: email and password against POST /v1/sessions, which sets the session cookie.
import { api } from './api.js';
import { loadAgentNames } from './agents.js';
import { el, mount } from './dom.js';
import { store } from './state.js';

export function showSignIn({ message, onSignedIn }) {
  document.title = 'Sign in · Helpdesk';
  const email = el('input', { type: 'email', name: 'email', id: 'email', autocomplete: 'username', required: true, maxlength: 320 });
  const password = el('input', { type: 'password', name: 'password', id: 'password', autocomplete: 'current-password', required: true, maxlength: 200 });
  const error = el('p', { class: 'error', role: 'alert', hidden: !message, text: message ?? '' });
  const button = el('button', { type: 'submit', class: 'primary', text: 'Sign in' });

  async function signIn(event) {
    event.preventDefault();
    button.disabled = true;
    error.hidden = true;
    try {
      // quiet: a 401 here is a wrong password, not an ended session.
      const { data } = await api('POST', '/v1/sessions', { body: { email: email.value, password: password.value }, quiet: true });
      store.signedIn(data.agent);
      password.value = '';
      void loadAgentNames();
      onSignedIn();
    } catch (e) {
      error.textContent = e.status === 429 ? 'Too many attempts. Wait a minute and try again.' : e.message;
      error.hidden = false;
      button.disabled = false;
      password.focus();
    }
  }

  mount(
    el(
      'form',
      { class: 'card sign-in', id: 'sign-in', onsubmit: signIn },
      el('h1', {}, 'Helpdesk ', el('span', { class: 'zh', text: '客服工作台' })),
      el('p', { class: 'muted', text: 'Sign in with your agent account.' }),
      error,
      el('label', { for: 'email', text: 'Email' }),
      email,
      el('label', { for: 'password', text: 'Password' }),
      password,
      button,
    ),
  );
  email.focus();
}
