// The ticket's events in words ("王芳 changed the status from New to Open"), never event names.
import { agentName, teamName } from './agents.js';
import { el } from './dom.js';
import { label, percent, timeEl } from './format.js';
import { has, t } from './i18n.js';
import { appliedActionWords } from './routing-words.js';

export function ticketTimeline() {
  const node = el('ol', { class: 'timeline', id: 'timeline' });
  return {
    node,
    render(events) {
      node.replaceChildren(...(events.length ? [...events].reverse().map(eventItem) : [el('li', { class: 'muted', text: t('timeline.empty') })]));
    },
  };
}

function eventItem(event) {
  return el('li', { 'data-event-type': event.type }, timeEl(event.createdAt), el('div', { text: sentence(event) }));
}

function actorOf(event) {
  const { actor } = event;
  return actor.type === 'agent' ? agentName(actor.id) : t(`actor.${actor.type}`);
}

/** Values as the desk shows them elsewhere: an agent by name, a status in words. */
function valueOf(field, value) {
  if (value === null || value === undefined || value === '') return t('timeline.nothing');
  if (field === 'assigneeId') return agentName(value);
  if (field === 'teamId') return teamName(value);
  if (field === 'tags') return Array.isArray(value) && value.length ? value.join(', ') : t('timeline.nothing');
  if (['status', 'priority', 'type', 'channel'].includes(field)) return label(field, value);
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  return String(value);
}

/** "Status from New to Open; Tags from none to vip" */
function changeWords(changes) {
  return Object.entries(changes ?? {})
    .map(([field, change]) => {
      const fieldName = has(`fields.${field}`) ? t(`fields.${field}`) : field;
      return t('timeline.change', { field: fieldName, from: valueOf(field, change?.from), to: valueOf(field, change?.to) });
    })
    .join(t('timeline.and'));
}

export function sentence(event) {
  const who = actorOf(event);
  const data = event.data ?? {};
  switch (event.type) {
    case 'ticket.created':
      return t('timeline.created', { who, channel: label('channel', data.ticket?.channel) });
    case 'ticket.updated': {
      if (data.cause === 'classification.confirmed') return t('timeline.typeConfirmed', { who });
      const cause = data.cause && has(`timeline.cause.${data.cause}`) ? ` ${t(`timeline.cause.${data.cause}`)}` : '';
      return `${t('timeline.updated', { who, changes: changeWords(data.changes) })}${cause}`;
    }
    case 'ticket.routed': {
      // The rule by name and what it did, from the structured actions (the reasons are the server's English).
      const did = appliedActionWords(data.actions);
      return did ? t('timeline.routed', { rule: data.ruleName, actions: did }) : t('timeline.routedNothing', { rule: data.ruleName });
    }
    case 'ticket.macro_applied': {
      const changes = Object.keys(data.changes ?? {}).length ? changeWords(data.changes) : null;
      return changes ? t('timeline.macroApplied', { who, macro: data.macro?.name ?? '', changes }) : t('timeline.macroAppliedReply', { who, macro: data.macro?.name ?? '' });
    }
    case 'outcome.published':
      return t(data.republished ? 'timeline.outcomeRepublished' : 'timeline.outcomePublished', { who, note: data.outcome?.note ?? '' });
    case 'outcome.withdrawn':
      return t('timeline.outcomeWithdrawn', { who });
    case 'ticket.classified':
      return t('timeline.classified', { type: label('type', data.classification?.type), confidence: percent(data.classification?.confidence ?? 0) });
    case 'message.created': {
      const m = data.message ?? {};
      if (m.author === 'customer') return t('timeline.customerWrote', { channel: label('channel', m.channel) });
      if (m.author === 'agent') return t(m.visibility === 'internal' ? 'timeline.noted' : 'timeline.replied', { who: m.agentId ? agentName(m.agentId) : who });
      return t('timeline.systemMessage');
    }
    case 'sla.warning':
      return t('timeline.slaWarning', { metric: label('metric', data.metric) });
    case 'sla.breached':
      return t('timeline.slaBreached', { metric: label('metric', data.metric) });
    case 'csat.requested':
      return t('timeline.surveySent', { channel: label('channel', data.channel) });
    case 'csat.received':
      return t('timeline.rated', { rating: data.rating });
    case 'csat.negative':
      return t('timeline.negative', { rating: data.rating });
    default:
      return has(`event.${event.type}`) ? t(`event.${event.type}`, { who }) : t('timeline.other', { who });
  }
}
