// Changing one's own password (roles holding agents:write, such as the first start's admin, whose
// printed password is meant to be replaced): PATCH /v1/agents/{me}. The server ends every other
// session of the agent and keeps this one.
import { api } from './api.js';
import { el } from './dom.js';
import { flash } from './flash.js';
import { t } from './i18n.js';
import { store } from './state.js';

const MIN_LENGTH = 10;

export function showPasswordDialog() {
  const password = el('input', { type: 'password', id: 'new-password', autocomplete: 'new-password', required: true, minlength: MIN_LENGTH, maxlength: 200 });
  const again = el('input', { type: 'password', id: 'new-password-again', autocomplete: 'new-password', required: true, minlength: MIN_LENGTH, maxlength: 200 });
  const error = el('p', { class: 'error', id: 'password-error', role: 'alert', hidden: true });
  const save = el('button', { type: 'submit', class: 'primary', text: t('password.save') });

  async function submit(event) {
    event.preventDefault();
    error.hidden = true;
    if (password.value.length < MIN_LENGTH) return showError(t('password.tooShort', { min: MIN_LENGTH }));
    if (password.value !== again.value) return showError(t('password.mismatch'));
    save.disabled = true;
    try {
      await api('PATCH', `/v1/agents/${encodeURIComponent(store.agent.id)}`, { body: { password: password.value } });
      dialog.close();
      flash(t('password.changed'), 'info');
    } catch (e) {
      showError(e.message);
    } finally {
      save.disabled = false;
    }
  }
  function showError(text) {
    error.textContent = text;
    error.hidden = false;
  }

  const dialog = el(
    'dialog',
    { id: 'password-dialog', 'aria-labelledby': 'password-title' },
    el(
      'form',
      { class: 'sign-in-form', onsubmit: submit },
      el('h2', { id: 'password-title', text: t('password.title') }),
      el('p', { class: 'muted small', text: t('password.intro', { min: MIN_LENGTH }) }),
      error,
      el('label', { for: 'new-password', text: t('password.new') }),
      password,
      el('label', { for: 'new-password-again', text: t('password.again') }),
      again,
      el('div', { class: 'dialog-actions' }, el('button', { type: 'button', class: 'ghost', text: t('action.cancel'), onclick: () => dialog.close() }), save),
    ),
  );
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  password.focus();
}
