// Status, priority and type, each a menu that PATCHes the ticket with If-Match: a change someone
// else made meanwhile is never overwritten unseen (412: the latest version is shown instead).
import { api } from './api.js';
import { TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from './constants.js';
import { el, select } from './dom.js';
import { flash, report } from './flash.js';
import { label } from './format.js';

const FIELDS = [
  { name: 'status', text: 'Status', values: TICKET_STATUSES },
  { name: 'priority', text: 'Priority', values: TICKET_PRIORITIES },
  { name: 'type', text: 'Type', values: TICKET_TYPES },
];

export function ticketFields(screen) {
  const node = el('div', { class: 'fields' });

  function field({ name, text, values }, current) {
    const options = values.map((v) => [v, label(v)]);
    if (current === null) options.unshift(['', '—']); // not classified yet
    const control = select(`ticket-${name}`, options, current ?? '', {
      onchange: async () => {
        control.disabled = true;
        const { ticket } = screen;
        let latest = ticket;
        try {
          const { data } = await api('PATCH', `/v1/tickets/${ticket.id}`, { body: { [name]: control.value }, headers: { 'if-match': `"${ticket.version}"` } });
          latest = data;
          flash(`${text} changed to ${label(control.value)}.`, 'info');
          void screen.refreshTimeline();
        } catch (error) {
          if (error.status === 412) latest = await afterConflict(ticket);
          else report(error);
        }
        screen.show(latest); // menus rebuilt on the version now current
      },
    });
    return el('label', { class: 'field' }, el('span', { text }), control);
  }

  return {
    node,
    render(ticket) {
      node.replaceChildren(...FIELDS.map((f) => field(f, ticket[f.name])));
    },
  };
}

async function afterConflict(ticket) {
  flash('Someone else changed this ticket while you were looking at it. The latest version is shown now; check it and make your change again.');
  try {
    return (await api('GET', `/v1/tickets/${ticket.id}`)).data;
  } catch (error) {
    report(error);
    return ticket;
  }
}
