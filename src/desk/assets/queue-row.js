// One ticket in the queue: number, subject, badges (in words, not colour alone), the assignee, and
// its most pressing SLA deadline as a live countdown.
import { agentName } from './agents.js';
import { countdown, mostPressing } from './countdown.js';
import { el } from './dom.js';
import { label } from './format.js';
import { t } from './i18n.js';
import { ticketPath } from './paths.js';
import { REVIEW_TAG } from './ticket-header.js';

export function ticketRow(ticket, { fresh = false } = {}) {
  const pressing = mostPressing(ticket.sla);
  // A missed target stays in view (it needs an apology) beside the next deadline to meet.
  const missed = ticket.sla.find((s) => s.status === 'breached' && s !== pressing);
  const needsReview = ticket.classification?.needsReview && !ticket.typeReviewedAt;
  // The review queue is a tag a routing rule adds (`needs-review`): shown in words, apart from the model's doubt.
  const inReview = ticket.tags?.includes(REVIEW_TAG);
  return el(
    'li',
    { class: fresh ? 'fresh' : undefined },
    el(
      'a',
      { class: 'row', href: ticketPath(ticket.id), 'data-ticket-id': ticket.id },
      el('span', { class: 'number', text: `#${ticket.number}` }),
      el('span', { class: 'subject', text: ticket.subject }),
      el(
        'span',
        { class: 'badges' },
        badge('status', ticket.status),
        ticket.type ? badge('type', ticket.type) : el('span', { class: 'badge', text: t('ticket.unclassified') }),
        ticket.priority === 'normal' ? null : badge('priority', ticket.priority),
        el('span', { class: 'channel', text: label('channel', ticket.channel) }),
        needsReview && !inReview ? el('span', { class: 'badge review', text: `? ${t('ticket.needsReview')}` }) : null,
        inReview ? el('span', { class: 'badge review review-tag', text: `? ${t('ticket.inReview')}` }) : null,
        el('span', { class: 'assignee muted', text: ticket.assigneeId ? `→ ${agentName(ticket.assigneeId)}` : t('ticket.unassigned') }),
      ),
      el(
        'span',
        { class: 'sla' },
        missed ? countdown(missed, { withMetric: true }) : null,
        pressing ? countdown(pressing, { withMetric: true }) : el('span', { class: 'muted', text: t(ticket.sla.some((s) => s.status === 'paused') ? 'sla.paused' : 'sla.none') }),
      ),
    ),
  );
}

function badge(kind, value) {
  return el('span', { class: `badge ${kind}-${value}`, text: label(kind, value) });
}
