// The thread: the customer's messages, agents' replies and internal notes, oldest first.
import { fetchAll } from './api.js';
import { agentName } from './agents.js';
import { el } from './dom.js';
import { report } from './flash.js';
import { timeEl } from './format.js';

export function ticketConversation() {
  const node = el('ol', { class: 'conversation', id: 'conversation' });
  return {
    node,
    async load(ticketId) {
      try {
        const rows = await fetchAll(`/v1/tickets/${ticketId}/messages`);
        node.replaceChildren(...(rows.length ? rows.map(messageItem) : [el('li', { class: 'muted', text: 'No messages yet.' })]));
      } catch (error) {
        report(error);
      }
    },
  };
}

function messageItem(message) {
  const internal = message.visibility === 'internal';
  const who = message.author === 'agent' ? agentName(message.agentId) : message.author === 'customer' ? 'Customer' : 'System';
  return el(
    'li',
    { class: `message author-${message.author}${internal ? ' internal' : ''}`, 'data-message-id': message.id },
    el(
      'div',
      { class: 'message-head' },
      el('strong', { text: who }),
      internal ? el('span', { class: 'badge note', text: 'Internal note' }) : null,
      message.channel ? el('span', { class: 'muted', text: message.channel }) : null,
      timeEl(message.createdAt),
    ),
    el('div', { class: 'message-body', text: message.body }),
  );
}
