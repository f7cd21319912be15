// The thread across channels: the customer's messages (each with the channel it came by), agents'
// replies and internal notes, oldest first.
import { fetchAll } from './api.js';
import { agentName } from './agents.js';
import { el } from './dom.js';
import { report } from './flash.js';
import { label, timeEl } from './format.js';
import { t } from './i18n.js';

export function ticketConversation() {
  const node = el('ol', { class: 'conversation', id: 'conversation', 'aria-live': 'polite', 'aria-relevant': 'additions' });
  return {
    node,
    async load(ticketId) {
      try {
        const rows = await fetchAll(`/v1/tickets/${ticketId}/messages`);
        const shown = [...node.querySelectorAll('[data-message-id]')].map((n) => n.dataset.messageId);
        // What is shown is the start of the thread: only the new messages are added (screen
        // readers announce those, not the whole thread again).
        if (shown.length > 0 && shown.every((id, i) => rows[i]?.id === id)) {
          for (const message of rows.slice(shown.length)) node.append(messageItem(message));
        } else {
          node.replaceChildren(...(rows.length ? rows.map(messageItem) : [el('li', { class: 'muted', text: t('conversation.empty') })]));
        }
      } catch (error) {
        report(error);
      }
    },
  };
}

function messageItem(message) {
  const internal = message.visibility === 'internal';
  const who = message.author === 'agent' ? agentName(message.agentId) : t(`author.${message.author}`);
  return el(
    'li',
    { class: `message author-${message.author}${internal ? ' internal' : ''}`, 'data-message-id': message.id },
    el(
      'div',
      { class: 'message-head' },
      el('strong', { text: who }),
      internal ? el('span', { class: 'badge note', text: t('reply.internal') }) : null,
      message.channel ? el('span', { class: 'badge channel-badge', text: label('channel', message.channel) }) : null,
      timeEl(message.receivedAt ?? message.createdAt),
    ),
    el('div', { class: 'message-body', text: message.body }),
  );
}
