// A customer as a person with a history: name and contacts, identities on every channel, past
// tickets with their type and outcome, and satisfaction (the ratings of their solved tickets).
// Shown beside a ticket (compact) and as the customer's own page.
import { api } from './api.js';
import { el, fill } from './dom.js';
import { label, timeEl } from './format.js';
import { t } from './i18n.js';
import { customerPath, ticketPath } from './paths.js';
import { fetchSurvey, mayHaveSurvey, stars } from './ticket-survey.js';

const SURVEYED = 10; // the most recent tickets whose ratings are shown (one request each)

/** The customer, their tickets (newest first) and the ratings of the recent ones. */
export async function loadArchive(customerId, { tickets: limit = 50 } = {}) {
  const id = encodeURIComponent(customerId);
  const [customer, page] = await Promise.all([api('GET', `/v1/customers/${id}`), api('GET', `/v1/customers/${id}/tickets?limit=${limit}`)]);
  const tickets = page.data.data;
  const rated = await Promise.all(
    tickets.filter(mayHaveSurvey).slice(0, SURVEYED).map(async (ticket) => {
      try {
        const survey = await fetchSurvey(ticket.id);
        return survey?.rating ? { ticket, survey } : null;
      } catch {
        return null;
      }
    }),
  );
  return { customer: customer.data, tickets, more: Boolean(page.data.nextCursor), ratings: rated.filter(Boolean) };
}

export function identityList(customer) {
  const rows = [
    ...(customer.email ? [[t('customer.email'), customer.email]] : []),
    ...(customer.phone ? [[t('customer.phone'), customer.phone]] : []),
    ...customer.identities
      .filter((i) => !(i.kind === 'email' && i.value === customer.email) && !(i.kind === 'phone' && i.value === customer.phone))
      .map((i) => [i.channel ? `${label('channel', i.channel)} · ${label('identity', i.kind)}` : label('identity', i.kind), i.value]),
  ];
  if (rows.length === 0) return el('p', { class: 'muted small', text: t('customer.noIdentities') });
  return el('dl', { class: 'identities' }, rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
}

/** Past tickets: number, subject, type and outcome; the current one marked, not linked. */
export function ticketHistory(tickets, currentId) {
  if (tickets.length === 0) return el('p', { class: 'muted small', text: t('customer.noTickets') });
  return el(
    'ul',
    { class: 'history' },
    tickets.map((ticket) =>
      el(
        'li',
        { 'data-ticket-id': ticket.id, class: ticket.id === currentId ? 'current' : undefined },
        ticket.id === currentId
          ? el('span', { 'aria-current': 'page' }, `#${ticket.number} ${ticket.subject} `, el('span', { class: 'muted', text: t('customer.thisTicket') }))
          : el('a', { href: ticketPath(ticket.id), text: `#${ticket.number} ${ticket.subject}` }),
        el(
          'div',
          { class: 'small' },
          el('span', { class: `badge status-${ticket.status}`, text: label('status', ticket.status) }),
          ' ',
          ticket.type ? el('span', { class: `badge type-${ticket.type}`, text: label('type', ticket.type) }) : null,
          ' ',
          el('span', { class: 'muted', text: label('channel', ticket.channel) }),
          ' · ',
          timeEl(ticket.createdAt, undefined),
        ),
      ),
    ),
  );
}

export function satisfaction(ratings) {
  if (ratings.length === 0) return el('p', { class: 'muted small', id: 'customer-ratings', text: t('customer.noRatings') });
  const average = ratings.reduce((sum, r) => sum + r.survey.rating, 0) / ratings.length;
  return el(
    'div',
    { id: 'customer-ratings' },
    el('p', { class: 'small', text: t('customer.averageRating', { average: Math.round(average * 10) / 10, count: ratings.length }) }),
    el('ul', { class: 'history' }, ratings.map(({ ticket, survey }) => el('li', {}, stars(survey.rating), ' ', el('a', { href: ticketPath(ticket.id), text: `#${ticket.number}` }), survey.comment ? el('q', { class: 'small', text: survey.comment }) : null))),
  );
}

const countsLine = (counts) => t('customer.counts', { total: counts.total, open: counts.open, complaint: counts.complaint });

/** The card beside a ticket; `update(ticket)` keeps that ticket's own row current as it changes. */
export function customerCard(ticket, onName) {
  const node = el('div', { class: 'customer-card', id: 'customer-archive' }, el('p', { class: 'muted', text: t('common.loading') }));
  let archive = null;
  const render = () => {
    const { customer, tickets, more, ratings } = archive;
    fill(
      node,
      el('p', { class: 'customer-name' }, el('a', { href: customerPath(customer.id), id: 'customer-name', text: customer.name ?? t('customer.unnamed') })),
      el('p', { class: 'small muted', text: countsLine(customer.ticketCounts) }),
      identityList(customer),
      el('h3', { text: t('customer.tickets') }),
      ticketHistory(tickets, ticket.id),
      more ? el('a', { href: customerPath(customer.id), class: 'small', text: t('customer.allTickets') }) : null,
      el('h3', { text: t('customer.satisfaction') }),
      satisfaction(ratings),
    );
  };
  return {
    node,
    async load() {
      try {
        archive = await loadArchive(ticket.customerId, { tickets: 10 });
        onName(archive.customer.name);
        render();
      } catch (error) {
        node.replaceChildren(el('p', { class: 'muted', text: error.status === 403 ? t('customer.forbidden') : error.message }));
      }
    },
    update(changed) {
      if (!archive) return;
      const at = archive.tickets.findIndex((x) => x.id === changed.id);
      if (at < 0 || archive.tickets[at].version === changed.version) return;
      archive.tickets[at] = changed;
      render();
    },
  };
}

export { countsLine };
