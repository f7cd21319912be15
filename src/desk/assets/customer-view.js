// A customer's page (/desk/customers/{id}): who they are on every channel, every ticket with its
// type and outcome, and how satisfied they were.
import { el, mount } from './dom.js';
import { formatDate, t } from './i18n.js';
import { QUEUE_PATH } from './paths.js';
import { countsLine, identityList, loadArchive, satisfaction, ticketHistory } from './customer-archive.js';

export async function showCustomer(id, alive) {
  const back = el('a', { href: QUEUE_PATH, class: 'back', text: `← ${t('nav.backToQueue')}` });
  mount(back, el('p', { class: 'muted', text: t('common.loading') }));
  let archive;
  try {
    archive = await loadArchive(id, { tickets: 200 });
  } catch (error) {
    if (alive() && !error.handled) mount(back, el('h1', { tabindex: '-1', text: t('customer.title') }), el('p', { class: 'error', role: 'alert', text: error.message }));
    return null;
  }
  if (!alive()) return null;
  const { customer, tickets, more, ratings } = archive;
  const name = customer.name ?? t('customer.unnamed');
  document.title = `${name} · ${t('app.name')}`;
  mount(
    el(
      'article',
      { class: 'customer-view', 'data-customer-id': customer.id },
      back,
      el('h1', { id: 'customer-title', tabindex: '-1', text: name }),
      el('p', { class: 'muted', text: `${countsLine(customer.ticketCounts)} · ${t('customer.since', { date: formatDate(customer.createdAt, { dateStyle: 'medium' }) })}` }),
      el(
        'div',
        { class: 'layout' },
        el('section', { class: 'card main-col' }, el('h2', { text: t('customer.tickets') }), ticketHistory(tickets, null), more ? el('p', { class: 'muted small', text: t('customer.moreTickets') }) : null),
        el(
          'aside',
          { class: 'side-col' },
          el('section', { class: 'card' }, el('h2', { text: t('customer.identities') }), identityList(customer)),
          el('section', { class: 'card' }, el('h2', { text: t('customer.satisfaction') }), satisfaction(ratings)),
        ),
      ),
    ),
  );
  return null;
}
