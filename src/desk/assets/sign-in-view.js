// The sign-in form: email and password against POST /v1/sessions, which sets the session cookie.
// A lock-out (too many wrong passwords: 429 with Retry-After) says so and for how long, counting
// down, and the button waits until then.
import { api } from './api.js';
import { el, mount } from './dom.js';
import { formatDuration, t } from './i18n.js';
import { languageMenu } from './nav.js';
import { store } from './state.js';

const LOCK_MESSAGES = { 'auth.sign_in_locked': 'signIn.locked', 'auth.too_many_attempts': 'signIn.tooMany' };

export function showSignIn({ message, onSignedIn }) {
  document.title = `${t('signIn.title')} · ${t('app.name')}`;
  const email = el('input', { type: 'email', name: 'email', id: 'email', autocomplete: 'username', required: true, maxlength: 320 });
  const password = el('input', { type: 'password', name: 'password', id: 'password', autocomplete: 'current-password', required: true, maxlength: 200 });
  const error = el('p', { class: 'error', id: 'sign-in-error', role: 'alert', hidden: !message, text: message ?? '' });
  const button = el('button', { type: 'submit', class: 'primary', text: t('signIn.submit') });
  let lockTimer = 0;

  function lockedUntil(until, key) {
    clearInterval(lockTimer);
    button.disabled = true;
    const show = () => {
      const left = until - Date.now();
      if (left <= 0 || !button.isConnected) {
        clearInterval(lockTimer);
        button.disabled = false;
        if (left <= 0) error.textContent = t('signIn.lockOver');
        return;
      }
      error.textContent = t(key, { duration: formatDuration(left) });
    };
    show();
    lockTimer = setInterval(show, 1000);
  }

  async function signIn(event) {
    event.preventDefault();
    button.disabled = true;
    error.hidden = true;
    try {
      // quiet: a 401 here is a wrong password, not an ended session.
      const { data } = await api('POST', '/v1/sessions', { body: { email: email.value, password: password.value }, quiet: true });
      password.value = '';
      store.signedIn(data.agent);
      await onSignedIn(data.agent);
    } catch (e) {
      error.hidden = false;
      button.disabled = false;
      if (e.status === 429) {
        lockedUntil(Date.now() + (e.retryAfter ?? 60) * 1000, LOCK_MESSAGES[e.code] ?? 'signIn.tooMany');
      } else {
        error.textContent = e.status === 401 ? t('signIn.wrong') : e.message;
      }
      password.focus();
    }
  }

  mount(
    el(
      'form',
      { class: 'card sign-in', id: 'sign-in', onsubmit: signIn, 'aria-describedby': 'sign-in-error' },
      el('div', { class: 'sign-in-head' }, el('h1', { tabindex: '-1', text: t('app.name') }), languageMenu('sign-in-locale')),
      el('p', { class: 'muted', text: t('signIn.intro') }),
      error,
      el('label', { for: 'email', text: t('signIn.email') }),
      email,
      el('label', { for: 'password', text: t('signIn.password') }),
      password,
      button,
    ),
  );
  email.focus();
}
