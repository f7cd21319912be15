// The reply box: a public reply to the customer or an internal note, one radio per visibility the
// API knows. Sending answers with the updated ticket (a first reply opens it, meets an SLA target).
// A draft outlives a re-render (a language switch, a live update) and a visit to another screen.
import { api, idempotencyKey } from './api.js';
import { MESSAGE_VISIBILITIES } from './constants.js';
import { el } from './dom.js';
import { flash, report } from './flash.js';
import { has, t } from './i18n.js';

const drafts = new Map();
const word = (visibility, what) => (has(`reply.${visibility}.${what}`) ? t(`reply.${visibility}.${what}`) : t(`reply.other.${what}`));

/** `extra`: controls beside the send button (the Macros menu). */
export function replyBox(screen, { extra = null } = {}) {
  const [first] = MESSAGE_VISIBILITIES;
  const ticketId = screen.ticket.id;
  const draft = drafts.get(ticketId) ?? { body: '', visibility: first };
  const body = el('textarea', { name: 'body', id: 'reply-body', required: true, maxlength: 100000, rows: 4, 'aria-label': word(draft.visibility, 'choice') });
  body.value = draft.body;
  const send = el('button', { type: 'submit', class: 'primary', id: 'send-reply' });
  const radios = MESSAGE_VISIBILITIES.map((value) =>
    el('input', { type: 'radio', name: 'visibility', value, id: `visibility-${value}`, checked: value === draft.visibility, onchange: () => showKind(value) }),
  );
  const chosen = () => radios.find((r) => r.checked)?.value ?? first;
  body.addEventListener('input', () => drafts.set(ticketId, { body: body.value, visibility: chosen() }));

  async function submit(event) {
    event.preventDefault();
    if (!body.value.trim()) return;
    send.disabled = true;
    const visibility = chosen();
    try {
      const { data } = await api('POST', `/v1/tickets/${ticketId}/messages`, {
        body: { author: 'agent', visibility, body: body.value },
        headers: { 'idempotency-key': idempotencyKey() },
      });
      body.value = '';
      drafts.delete(ticketId);
      screen.show(data.ticket);
      flash(word(visibility, 'done'), 'info');
      await screen.refreshActivity();
    } catch (error) {
      report(error);
    } finally {
      send.disabled = false;
    }
  }

  const node = el(
    'form',
    { class: 'reply', id: 'reply', onsubmit: submit },
    el(
      'fieldset',
      { class: 'reply-kind' },
      el('legend', { class: 'sr-only', text: t('reply.kind') }),
      radios.map((radio) => el('label', {}, radio, ` ${word(radio.value, 'choice')}`)),
    ),
    body,
    el('div', { class: 'reply-actions' }, el('span', { class: 'muted small', text: t('reply.keyHint') }), el('span', { class: 'spacer' }), extra, send),
  );

  // A note looks different from a reply (the stylesheet's .reply.internal) so it is never sent by mistake.
  function showKind(visibility) {
    node.classList.toggle('internal', visibility === 'internal');
    send.textContent = word(visibility, 'send');
    body.placeholder = word(visibility, 'placeholder');
    body.setAttribute('aria-label', word(visibility, 'choice'));
    drafts.set(ticketId, { body: body.value, visibility });
  }
  showKind(draft.visibility);

  return {
    node,
    focus: () => body.focus(),
    /** A suggested answer's text as a public reply, after what the agent already wrote; focus goes there to read it. */
    setText(text) {
      const [publicKind] = MESSAGE_VISIBILITIES.filter((v) => v === 'public');
      const radio = radios.find((r) => r.value === publicKind);
      if (radio && !radio.checked) {
        radio.checked = true;
        showKind(publicKind);
      }
      body.value = body.value.trim() ? `${body.value.trimEnd()}\n\n${text}` : text;
      drafts.set(ticketId, { body: body.value, visibility: chosen() });
      body.focus();
    },
  };
}
