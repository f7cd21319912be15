// The ticket's events, newest activity as the API lists it: who did what, and a one-line summary.
import { fetchAll } from './api.js';
import { agentName } from './agents.js';
import { el } from './dom.js';
import { report } from './flash.js';
import { label, timeEl } from './format.js';

export function ticketTimeline() {
  const node = el('ol', { class: 'timeline', id: 'timeline' });
  return {
    node,
    async load(ticketId) {
      try {
        const rows = await fetchAll(`/v1/tickets/${ticketId}/events`, 2);
        node.replaceChildren(...rows.map(eventItem));
      } catch (error) {
        report(error);
      }
    },
  };
}

function eventItem(event) {
  const summary = summarise(event);
  return el(
    'li',
    {},
    timeEl(event.createdAt),
    ' ',
    el('strong', { text: event.type }),
    ' ',
    el('span', { class: 'muted', text: `by ${event.actor.type === 'agent' ? agentName(event.actor.id) : label(event.actor.type)}` }),
    summary ? el('div', { class: 'small', text: summary }) : null,
  );
}

/** What changed, from the event's data; event types differ in shape, unknown ones get no summary. */
function summarise(event) {
  const data = event.data ?? {};
  if (data.changes && typeof data.changes === 'object') {
    return Object.entries(data.changes)
      .map(([field, change]) => (change && typeof change === 'object' && 'to' in change ? `${field}: ${label(change.from)} → ${label(change.to)}` : field))
      .join(', ');
  }
  if (data.message && typeof data.message === 'object') {
    const m = data.message;
    return [m.author, m.visibility === 'internal' ? 'internal note' : null].filter(Boolean).join(', ');
  }
  if (typeof data.metric === 'string') return label(data.metric);
  if (data.classification && typeof data.classification === 'object') return label(data.classification.type);
  return '';
}
