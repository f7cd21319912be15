// Status, priority, assignee ("assign to me"), team and tags. Every change PATCHes the ticket with
// If-Match (screen.patch): a change someone else made meanwhile is never overwritten unseen.
import { agentName, availabilityOf, teamName } from './agents.js';
import { TICKET_PRIORITIES, TICKET_STATUSES } from './constants.js';
import { el, select } from './dom.js';
import { label } from './format.js';
import { t } from './i18n.js';
import { store } from './state.js';

export function ticketFields(screen) {
  const node = el('div', { class: 'fields' });

  function menu(name, options, current, toValue = (v) => v) {
    const control = select(`ticket-${name}`, options, current ?? '', {
      onchange: () => {
        control.disabled = true;
        const value = toValue(control.value);
        const shown = options.find(([v]) => v === control.value)?.[1] ?? control.value;
        void screen.patch({ [name]: value }, t('fields.changed', { field: t(`fields.${name}`), value: shown }));
      },
    });
    return el('div', { class: 'field' }, el('label', { for: `ticket-${name}`, text: t(`fields.${name}`) }), control);
  }

  function assignee(ticket) {
    const me = store.agent;
    const people = store.agents.filter((a) => a.active !== false || a.id === ticket.assigneeId);
    if (ticket.assigneeId && !people.some((a) => a.id === ticket.assigneeId)) people.push({ id: ticket.assigneeId });
    // Leads see who routing would skip: "王芳 (away)", "李雷 (at cap 10/10)".
    const options = [['', t('ticket.unassigned')], ...people.map((a) => [a.id, availabilityOf(a) ? `${agentName(a.id)} (${availabilityOf(a)})` : agentName(a.id)])];
    const field = menu('assigneeId', options, ticket.assigneeId, (v) => v || null);
    if (ticket.assigneeId !== me.id) {
      field.append(
        el('button', {
          type: 'button',
          class: 'link-button',
          id: 'assign-to-me',
          text: t('fields.assignToMe'),
          onclick: () => void screen.patch({ assigneeId: me.id, ...(me.teamId && !ticket.teamId ? { teamId: me.teamId } : {}) }, t('fields.assignedToYou')),
        }),
      );
    }
    return field;
  }

  function team(ticket) {
    const teams = [...store.teams];
    if (ticket.teamId && !teams.some((x) => x.id === ticket.teamId)) teams.push({ id: ticket.teamId });
    return menu('teamId', [['', t('fields.noTeam')], ...teams.map((x) => [x.id, teamName(x.id)])], ticket.teamId, (v) => v || null);
  }

  function tags(ticket) {
    const input = el('input', { id: 'ticket-tags', value: ticket.tags.join(', '), maxlength: 2000, autocomplete: 'off', 'aria-describedby': 'ticket-tags-hint' });
    const save = () => {
      const next = [...new Set(input.value.split(/[,，\s]+/).map((tag) => tag.trim().toLowerCase()).filter(Boolean))];
      if (next.join(',') === ticket.tags.join(',')) return;
      void screen.patch({ tags: next }, t('fields.tagsSaved'));
    };
    return el(
      'form',
      { class: 'field', onsubmit: (event) => (event.preventDefault(), save()) },
      el('label', { for: 'ticket-tags', text: t('fields.tags') }),
      el('div', { class: 'tags-edit' }, input, el('button', { type: 'submit', class: 'ghost small-button', text: t('action.save') })),
      el('span', { class: 'muted small hint', id: 'ticket-tags-hint', text: t('fields.tagsHint') }),
    );
  }

  return {
    node,
    render(ticket) {
      node.replaceChildren(
        menu('status', TICKET_STATUSES.map((v) => [v, label('status', v)]), ticket.status),
        menu('priority', TICKET_PRIORITIES.map((v) => [v, label('priority', v)]), ticket.priority),
        assignee(ticket),
        team(ticket),
        tags(ticket),
      );
    },
  };
}
