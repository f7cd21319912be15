// One ticket: loads it, lays out its sections (ticket-*.js, the customer's archive beside it) and
// keeps them showing the same version. Live: the ticket's events on the stream reload it, so a
// customer's new message, a colleague's change or an SLA warning shows without a reload.
import { api, fetchAll } from './api.js';
import { customerCard } from './customer-archive.js';
import { el, mount } from './dom.js';
import { flash, report } from './flash.js';
import { t } from './i18n.js';
import { useKeys } from './keyboard.js';
import { QUEUE_PATH } from './paths.js';
import { RESYNC, subscribe } from './stream.js';
import { ticketClassification } from './ticket-classification.js';
import { ticketConversation } from './ticket-conversation.js';
import { ticketFields } from './ticket-fields.js';
import { ticketHeader } from './ticket-header.js';
import { ticketMacros } from './ticket-macros.js';
import { ticketOutcome } from './ticket-outcome.js';
import { replyBox } from './ticket-reply.js';
import { ticketSla } from './ticket-sla.js';
import { ticketSuggestions } from './ticket-suggestions.js';
import { ticketSurvey } from './ticket-survey.js';
import { ticketTimeline } from './ticket-timeline.js';

const LIVE_DELAY_MS = 250;

export async function showTicket(id, alive) {
  const back = el('a', { href: QUEUE_PATH, class: 'back', text: `← ${t('nav.backToQueue')}` });
  mount(back, el('p', { class: 'muted', text: t('common.loading') }));
  let loaded;
  try {
    loaded = (await api('GET', `/v1/tickets/${encodeURIComponent(id)}`)).data;
  } catch (error) {
    if (alive() && !error.handled) mount(back, el('h1', { tabindex: '-1', text: t('ticket.title') }), el('p', { class: 'error', role: 'alert', text: error.status === 404 ? t('ticket.notFound') : error.message }));
    return null;
  }
  if (!alive()) return null;

  const header = ticketHeader();
  const customer = customerCard(loaded, (name) => {
    screen.customerName = name;
    header.setCustomerName(name);
  });
  const sla = ticketSla();
  const conversation = ticketConversation();
  const timeline = ticketTimeline();
  const survey = ticketSurvey();
  const screen = {
    ticket: loaded,
    /** For a macro's preview ({{customer.name}}), once the archive has it. */
    customerName: null,
    // Every change (a field, a reply) answers with the whole ticket, its new version included:
    // showing it everywhere keeps the next If-Match right.
    show(ticket) {
      screen.ticket = ticket;
      document.title = `#${ticket.number} ${ticket.subject} · ${t('app.name')}`;
      header.render(ticket);
      sla.render(ticket);
      fields.render(ticket);
      classification.render(ticket);
      customer?.update(ticket);
      outcome.render(ticket);
    },
    /** The latest version, after a change someone made meanwhile (a 412). */
    async reload() {
      const latest = await fetchTicket(screen.ticket.id).catch(() => screen.ticket);
      if (!alive()) return;
      screen.show(latest);
      await screen.refreshActivity();
    },
    /** PATCHes the ticket's version; a 412 (changed meanwhile) shows the latest and says so. */
    /** A change of the ticket (PATCH), or `confirmType` (the type as it stands is right), for the version shown. */
    async patch(changes, done) {
      const { ticket } = screen;
      let latest = ticket;
      try {
        const headers = { 'if-match': `"${ticket.version}"` };
        latest =
          changes === 'confirmType'
            ? (await api('POST', `/v1/tickets/${ticket.id}/classification/confirm`, { headers })).data
            : (await api('PATCH', `/v1/tickets/${ticket.id}`, { body: changes, headers })).data;
        flash(done, 'info');
      } catch (error) {
        if (error.status === 412) {
          flash(t('ticket.conflict'));
          latest = await fetchTicket(ticket.id).catch(() => ticket);
        } else report(error);
      }
      if (alive()) {
        screen.show(latest);
        void screen.refreshActivity();
      }
    },
    async refreshActivity() {
      const [events] = await Promise.all([fetchAll(`/v1/tickets/${screen.ticket.id}/events`, 3).catch((error) => (report(error), null)), conversation.load(screen.ticket.id), survey.load(screen.ticket)]);
      if (!events || !alive()) return;
      timeline.render(events);
      sla.setEvents(events);
    },
  };
  const fields = ticketFields(screen);
  const classification = ticketClassification(screen);
  const macros = ticketMacros(screen);
  const reply = replyBox(screen, { extra: macros.toggle });
  const suggestions = ticketSuggestions(screen, reply);
  const outcome = ticketOutcome(screen);
  screen.show(loaded);

  const card = (title, id, ...body) => el('section', { class: 'card', 'aria-labelledby': id }, el('h2', { id, text: title }), ...body);
  mount(
    el(
      'article',
      { class: 'ticket-view', 'data-ticket-id': loaded.id },
      back,
      ...header.nodes,
      el(
        'div',
        { class: 'layout' },
        el(
          'div',
          { class: 'main-col' },
          el('h2', { text: t('ticket.conversation') }),
          conversation.node,
          reply.node,
          macros.panel,
          card(t('suggestions.title'), 'h-suggestions', suggestions.node),
        ),
        // Apart from the conversation: on a phone it goes last, after the ticket's details.
        el('div', { class: 'activity-col' }, card(t('ticket.timeline'), 'h-timeline', timeline.node)),
        el(
          'aside',
          { class: 'side-col', 'aria-label': t('ticket.details') },
          card(t('ticket.customer'), 'h-customer', customer.node),
          card(t('ticket.properties'), 'h-properties', fields.node),
          card(t('ticket.sla'), 'h-sla', sla.node),
          card(t('ticket.classification'), 'h-classification', classification.node),
          outcome.node,
          card(t('ticket.survey'), 'h-survey', survey.node),
        ),
      ),
    ),
  );

  // Live: this ticket's events (and a resync after the stream lost track) reload it.
  let liveTimer = 0;
  const unsubscribe = subscribe((event) => {
    if (event.type !== RESYNC && event.ticketId !== loaded.id) return;
    clearTimeout(liveTimer);
    liveTimer = setTimeout(async () => {
      try {
        const latest = await fetchTicket(loaded.id);
        if (!alive()) return;
        // A field being edited keeps its place: the menus are rebuilt, focus goes back to the same one.
        const focused = document.activeElement?.id;
        if (latest.version !== screen.ticket.version) screen.show(latest);
        await screen.refreshActivity();
        if (focused && document.activeElement === document.body) document.getElementById(focused)?.focus();
      } catch (error) {
        report(error);
      }
    }, LIVE_DELAY_MS);
  });
  const keysOff = useKeys({ r: () => reply.focus() });

  await Promise.all([screen.refreshActivity(), customer.load(), suggestions.load(), outcome.load()]);
  return () => {
    unsubscribe();
    keysOff();
    clearTimeout(liveTimer);
  };
}

async function fetchTicket(id) {
  return (await api('GET', `/v1/tickets/${encodeURIComponent(id)}`)).data;
}
