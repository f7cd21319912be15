// The ticket's SLA targets, each with a live countdown (or its outcome) and its history: when it
// started, warned, was paused, met or missed (from the target and the ticket's sla.* events).
import { countdown } from './countdown.js';
import { el } from './dom.js';
import { label, timeEl } from './format.js';
import { t } from './i18n.js';

export function ticketSla() {
  const node = el('ul', { class: 'sla-list', id: 'sla' });
  let events = [];
  let ticket = null;
  const render = () => {
    if (!ticket) return;
    node.replaceChildren(...(ticket.sla.length === 0 ? [el('li', { class: 'muted', text: t('sla.noTargets') })] : ticket.sla.map((target) => item(target, events))));
  };
  return {
    node,
    render(next) {
      ticket = next;
      render();
    },
    setEvents(next) {
      events = next;
      render();
    },
  };
}

function item(target, events) {
  const warned = events.find((e) => e.type === 'sla.warning' && e.data?.metric === target.metric && e.data?.cycle === target.cycle);
  const steps = [
    ['sla.history.started', target.startedAt],
    ['sla.history.warned', warned?.createdAt],
    ['sla.history.paused', target.pausedAt],
    ['sla.history.breached', target.breachedAt],
    ['sla.history.met', target.achievedAt],
  ].filter(([, at]) => at);
  return el(
    'li',
    { class: `sla-${target.status}`, 'data-metric': target.metric, 'data-status': target.status },
    el('div', { class: 'sla-head' }, el('strong', { text: `${label('metric', target.metric)}${target.cycle > 1 ? ` (${target.cycle})` : ''}` }), countdown(target)),
    target.dueAt ? el('div', { class: 'small muted' }, `${t('sla.due')} `, timeEl(target.dueAt)) : null,
    el('ol', { class: 'sla-history small' }, steps.map(([key, at]) => el('li', {}, `${t(key)} `, timeEl(at)))),
  );
}
