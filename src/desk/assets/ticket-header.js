// A ticket's title and who/where/when line, and its SLA targets (each with its deadline or outcome).
import { agentName } from './agents.js';
import { el } from './dom.js';
import { label, relative, timeEl } from './format.js';

export function ticketHeader() {
  const title = el('h1', { id: 'ticket-title' });
  const meta = el('p', { class: 'muted meta' });
  return {
    nodes: [title, meta],
    render(ticket) {
      title.replaceChildren(el('span', { class: 'number', text: `#${ticket.number}` }), ' ', ticket.subject);
      meta.replaceChildren(
        'Customer ',
        el('code', { id: 'customer-id', text: ticket.customerId }),
        ` · ${ticket.channel} · opened `,
        timeEl(ticket.createdAt),
        ticket.assigneeId ? ` · assigned to ${agentName(ticket.assigneeId)}` : ' · unassigned',
      );
    },
  };
}

export function ticketSla() {
  const node = el('ul', { class: 'sla-list' });
  return {
    node,
    render(ticket) {
      node.replaceChildren(...(ticket.sla.length === 0 ? [el('li', { class: 'muted', text: 'No SLA targets.' })] : ticket.sla.map(target)));
    },
  };
}

function target(t) {
  return el(
    'li',
    { class: `sla-${t.status}`, 'data-metric': t.metric },
    el('strong', { text: label(t.metric) }),
    ' ',
    el('span', { class: `badge sla-status-${t.status}`, text: t.status }),
    ' ',
    when(t),
  );
}

/** A met or missed target says when that happened; a running one says when it is due. */
function when(t) {
  if (t.status === 'achieved' && t.achievedAt) return ['at ', timeEl(t.achievedAt)];
  if (t.status === 'breached' && t.breachedAt) return ['at ', timeEl(t.breachedAt)];
  if (t.dueAt) return ['due ', timeEl(t.dueAt), ` (${relative(t.dueAt)})`];
  return '';
}
