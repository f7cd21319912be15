// The Macros menu beside the reply: the macros that suit this ticket (global or its team's, for its
// type), a preview of the reply they would write (placeholders filled, in the language the server
// would pick) and of their other changes, and Apply: one POST that writes the reply and sets the
// status, priority and tags in one change. One Idempotency-Key per chosen macro, so a double click
// or a retried request applies it once; If-Match, so a ticket changed meanwhile is shown, not overwritten.
import { api, idempotencyKey } from './api.js';
import { el, fill, select } from './dom.js';
import { flash, report } from './flash.js';
import { label } from './format.js';
import { t } from './i18n.js';
import { macroActionWords, macroLanguage, renderTemplate } from './macro-preview.js';
import { store } from './state.js';

/** The macros that may be applied to `ticket`: active, for its type (or any), global or its team's. */
export async function macrosFor(ticket) {
  const query = new URLSearchParams({ active: 'true', limit: '100' });
  if (ticket.type) query.set('type', ticket.type);
  if (ticket.teamId) query.set('teamId', ticket.teamId);
  const { data } = await api('GET', `/v1/macros?${query}`);
  // Without a team the list holds every team's: a team's macro applies only to its tickets (422).
  return data.data.filter((macro) => macro.teamId === null || macro.teamId === ticket.teamId);
}

/** Applies a macro to the screen's ticket and redraws it; resolves to true when applied. */
export async function applyMacro(screen, macro, { language = null, key = idempotencyKey() } = {}) {
  const { ticket } = screen;
  const query = language ? `?language=${encodeURIComponent(language)}` : '';
  try {
    const { data } = await api('POST', `/v1/tickets/${ticket.id}/macros/${encodeURIComponent(macro.id)}/apply${query}`, {
      headers: { 'idempotency-key': key, 'if-match': `"${ticket.version}"` },
    });
    screen.show(data.ticket);
    flash(t('macros.applied', { name: macro.name }), 'info');
    await screen.refreshActivity();
    return true;
  } catch (error) {
    if (error.status === 412) {
      flash(t('ticket.conflict'));
      await screen.reload();
    } else report(error);
    return false;
  }
}

/** The preview's values: what the server fills in (the applying agent's name: this agent). */
export function previewValues(screen) {
  return { customer: { name: screen.customerName }, ticket: { number: screen.ticket.number }, agent: { name: store.agent?.name } };
}

export function ticketMacros(screen) {
  const panel = el('section', { class: 'macro-panel card', id: 'macro-panel', hidden: true, 'aria-labelledby': 'macro-panel-title' });
  const toggle = el('button', { type: 'button', class: 'ghost small-button', id: 'macros-button', 'aria-expanded': 'false', 'aria-controls': 'macro-panel', text: t('macros.menu') });
  let macros = null;
  let chosen = null;
  let key = idempotencyKey();

  async function open() {
    const opening = panel.hidden;
    panel.hidden = !opening;
    toggle.setAttribute('aria-expanded', String(opening));
    if (!opening) return;
    fill(panel, el('h2', { id: 'macro-panel-title', text: t('macros.title') }), el('p', { class: 'muted', text: t('common.loading') }));
    try {
      macros = await macrosFor(screen.ticket);
    } catch (error) {
      fill(panel, el('h2', { id: 'macro-panel-title', text: t('macros.title') }), el('p', { class: 'error', role: 'alert', text: error.message }));
      return;
    }
    chosen = macros[0] ?? null;
    render();
    panel.querySelector('#macro-select')?.focus();
  }

  function render() {
    const head = el('h2', { id: 'macro-panel-title', text: t('macros.title') });
    if (!macros.length) return fill(panel, head, el('p', { class: 'muted', id: 'macro-none', text: t('macros.none') }));
    const picker = select('macro-select', macros.map((m) => [m.id, m.teamId ? m.name : `${m.name} · ${t('macros.global')}`]), chosen?.id, {
      onchange: (event) => {
        chosen = macros.find((m) => m.id === event.target.value) ?? null;
        key = idempotencyKey(); // another macro is another change
        render();
        panel.querySelector('#macro-select')?.focus();
      },
    });
    fill(panel, head, el('div', { class: 'field' }, el('label', { for: 'macro-select', text: t('macros.choose') }), picker), chosen ? preview(chosen) : null);
  }

  function preview(macro) {
    const language = macroLanguage(macro, screen.ticket.classification?.language);
    const reply = language ? renderTemplate(macro.reply[language], previewValues(screen)) : null;
    const actions = macroActionWords(macro);
    const apply = el('button', {
      type: 'button',
      class: 'primary',
      id: 'apply-macro',
      text: t('macros.apply'),
      onclick: async () => {
        apply.disabled = true;
        const done = await applyMacro(screen, macro, { language, key });
        apply.disabled = false;
        if (done) {
          key = idempotencyKey();
          panel.hidden = true;
          toggle.setAttribute('aria-expanded', 'false');
          toggle.focus();
        }
      },
    });
    return el(
      'div',
      { class: 'macro-preview', id: 'macro-preview', 'aria-live': 'polite' },
      macro.description ? el('p', { class: 'muted small', text: macro.description }) : null,
      el('h3', { text: t('macros.previewTitle') }),
      reply !== null
        ? el(
            'div',
            { class: `message preview ${macro.visibility === 'internal' ? 'internal' : 'author-agent'}` },
            el('div', { class: 'message-head' }, el('span', { class: `badge${macro.visibility === 'internal' ? ' note' : ''}`, text: t(`reply.${macro.visibility}.choice`) }), el('span', { class: 'muted small', text: label('language', language) })),
            el('div', { class: 'message-body', id: 'macro-preview-reply', text: reply }),
          )
        : el('p', { class: 'muted', text: t('macros.noReply') }),
      actions.length ? el('ul', { class: 'macro-actions', id: 'macro-preview-actions', 'aria-label': t('macros.alsoDoes') }, actions.map((words) => el('li', { text: words }))) : null,
      el('div', { class: 'dialog-actions' }, apply),
    );
  }

  toggle.addEventListener('click', () => void open());
  return { toggle, panel };
}
