// A ticket's title and its who/where/when line: the customer by name (a link to their page), the
// channel, when it was opened, who has it.
import { agentName } from './agents.js';
import { REVIEW_TAGS } from './constants.js';
import { el } from './dom.js';
import { label, timeEl } from './format.js';
import { t } from './i18n.js';
import { customerPath } from './paths.js';

/** The review queue is this tag (a routing rule's `send_to_review`; removing it means "reviewed"). */
export const [REVIEW_TAG] = REVIEW_TAGS;

export function ticketHeader() {
  const title = el('h1', { id: 'ticket-title', tabindex: '-1' });
  const meta = el('p', { class: 'muted meta' });
  let customerName = null;
  let last = null;
  const render = (ticket) => {
    last = ticket;
    title.replaceChildren(el('span', { class: 'number', text: `#${ticket.number}` }), ' ', ticket.subject);
    meta.replaceChildren(
      el('a', { href: customerPath(ticket.customerId), id: 'customer-link', 'data-customer-id': ticket.customerId, text: customerName ?? t('customer.unnamed') }),
      ` · ${label('channel', ticket.channel)} · ${t('ticket.opened')} `,
      timeEl(ticket.createdAt),
      ` · ${ticket.assigneeId ? t('ticket.assignedTo', { name: agentName(ticket.assigneeId) }) : t('ticket.unassigned')}`,
      ...(ticket.tags.includes(REVIEW_TAG) ? [' ', el('span', { class: 'badge review review-tag', id: 'review-tag', title: t('ticket.inReviewHint'), text: `? ${t('ticket.inReview')}` })] : []),
    );
  };
  return {
    nodes: [title, meta],
    render,
    /** The customer's name once the archive has loaded it. */
    setCustomerName(name) {
      customerName = name;
      if (last) render(last);
    },
  };
}
