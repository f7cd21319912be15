// One ticket: loads it, lays out its sections (ticket-*.js) and keeps them showing the same
// version. Each section gets `screen`: the ticket as last seen, and what to refresh after a change.
import { api } from './api.js';
import { el, mount } from './dom.js';
import { href, QUEUE_PATH } from './paths.js';
import { ticketHeader, ticketSla } from './ticket-header.js';
import { ticketFields } from './ticket-fields.js';
import { ticketConversation } from './ticket-conversation.js';
import { replyBox } from './ticket-reply.js';
import { ticketTimeline } from './ticket-timeline.js';

export async function showTicket(id) {
  const back = el('a', { href: href(QUEUE_PATH), class: 'back', text: '← Queue' });
  mount(back, el('p', { class: 'muted', text: 'Loading…' }));
  let loaded;
  try {
    loaded = (await api('GET', `/v1/tickets/${encodeURIComponent(id)}`)).data;
  } catch (error) {
    if (!error.handled) mount(back, el('p', { class: 'error', role: 'alert', text: error.message }));
    return;
  }

  const header = ticketHeader();
  const sla = ticketSla();
  const conversation = ticketConversation();
  const timeline = ticketTimeline();
  const screen = {
    ticket: loaded,
    // Every change (a field, a reply) answers with the whole ticket, its new version included:
    // showing it everywhere keeps the next If-Match right.
    show(ticket) {
      screen.ticket = ticket;
      document.title = `#${ticket.number} · Helpdesk`;
      header.render(ticket);
      sla.render(ticket);
      fields.render(ticket);
    },
    refreshConversation: () => conversation.load(screen.ticket.id),
    refreshTimeline: () => timeline.load(screen.ticket.id),
  };
  const fields = ticketFields(screen);
  const reply = replyBox(screen);
  screen.show(loaded);

  mount(
    el(
      'article',
      { class: 'ticket-view', 'data-ticket-id': loaded.id },
      back,
      ...header.nodes,
      el(
        'div',
        { class: 'layout' },
        el('div', { class: 'main-col' }, el('h2', { text: 'Conversation' }), conversation.node, reply.node),
        el(
          'aside',
          { class: 'side-col' },
          el('section', { class: 'card' }, el('h2', { text: 'Properties' }), fields.node),
          el('section', { class: 'card' }, el('h2', { text: 'SLA' }), sla.node),
          el('section', { class: 'card' }, el('h2', { text: 'Timeline' }), timeline.node),
        ),
      ),
    ),
  );
  await Promise.all([screen.refreshConversation(), screen.refreshTimeline()]);
}
