// One ticket in the queue: number, subject, badges, and its most pressing SLA deadline.
import { el } from './dom.js';
import { label, relative, timeEl } from './format.js';
import { href, ticketPath } from './paths.js';

export function ticketRow(ticket) {
  return el(
    'li',
    {},
    el(
      'a',
      { class: 'row', href: href(ticketPath(ticket.id)), 'data-ticket-id': ticket.id },
      el('span', { class: 'number', text: `#${ticket.number}` }),
      el('span', { class: 'subject', text: ticket.subject }),
      el(
        'span',
        { class: 'badges' },
        badge('status', ticket.status),
        badge('type', ticket.type),
        badge('priority', ticket.priority),
        el('span', { class: 'channel', text: ticket.channel }),
      ),
      slaSummary(ticket.sla),
    ),
  );
}

function badge(kind, value) {
  return el('span', { class: `badge ${kind}-${value ?? 'none'}`, title: kind, text: label(value) });
}

/** A missed target first (it needs an apology), then the next deadline to meet. */
function slaSummary(sla) {
  const breached = sla.filter((t) => t.status === 'breached');
  const running = sla.filter((t) => t.status === 'active' && t.dueAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const next = running[0];
  const box = el('span', { class: 'sla' });
  if (breached.length > 0) {
    box.append(el('span', { class: 'badge breached', title: `Breached: ${breached.map((t) => label(t.metric)).join(', ')}`, text: '⚠ breached' }));
  }
  if (next) {
    const overdue = new Date(next.dueAt).getTime() < Date.now();
    box.append(el('span', { class: overdue ? 'due overdue' : 'due' }, `${label(next.metric)} `, timeEl(next.dueAt, relative(next.dueAt))));
  } else if (breached.length === 0) {
    box.append(el('span', { class: 'muted', text: sla.some((t) => t.status === 'paused') ? 'SLA paused' : 'no running SLA' }));
  }
  return box;
}
