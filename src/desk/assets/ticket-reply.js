// The reply box: a public reply to the customer or an internal note, one radio per visibility the
// API knows. Sending answers with the updated ticket (a first reply opens it, meets an SLA target).
import { api, idempotencyKey } from './api.js';
import { MESSAGE_VISIBILITIES } from './constants.js';
import { el } from './dom.js';
import { flash, report } from './flash.js';
import { label } from './format.js';

const KINDS = {
  public: { choice: 'Public reply', send: 'Send reply', placeholder: 'Write a reply to the customer…', done: 'Reply sent.' },
  internal: { choice: 'Internal note', send: 'Add note', placeholder: 'A note only agents can see…', done: 'Note added.' },
};
const kindOf = (visibility) => KINDS[visibility] ?? { choice: label(visibility), send: 'Send', placeholder: '', done: 'Sent.' };

export function replyBox(screen) {
  const [first] = MESSAGE_VISIBILITIES;
  const body = el('textarea', { name: 'body', id: 'reply-body', required: true, maxlength: 100000, rows: 4, placeholder: kindOf(first).placeholder });
  const send = el('button', { type: 'submit', class: 'primary', id: 'send-reply', text: kindOf(first).send });
  const radios = MESSAGE_VISIBILITIES.map((value) =>
    el('input', { type: 'radio', name: 'visibility', value, id: `visibility-${value}`, checked: value === first, onchange: () => showKind(value) }),
  );
  const chosen = () => radios.find((r) => r.checked)?.value ?? first;

  async function submit(event) {
    event.preventDefault();
    if (!body.value.trim()) return;
    send.disabled = true;
    const visibility = chosen();
    try {
      const { data } = await api('POST', `/v1/tickets/${screen.ticket.id}/messages`, {
        body: { author: 'agent', visibility, body: body.value },
        headers: { 'idempotency-key': idempotencyKey() },
      });
      body.value = '';
      screen.show(data.ticket);
      flash(kindOf(visibility).done, 'info');
      await Promise.all([screen.refreshConversation(), screen.refreshTimeline()]);
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
      'div',
      { class: 'reply-kind', role: 'radiogroup', 'aria-label': 'Reply kind' },
      radios.map((radio) => el('label', {}, radio, ` ${kindOf(radio.value).choice}`)),
    ),
    body,
    send,
  );

  // A note looks different from a reply (the stylesheet's .reply.internal) so it is never sent by mistake.
  function showKind(visibility) {
    node.classList.toggle('internal', visibility === 'internal');
    send.textContent = kindOf(visibility).send;
    body.placeholder = kindOf(visibility).placeholder;
  }

  return { node };
}
