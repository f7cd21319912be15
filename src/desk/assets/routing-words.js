// A routing rule's actions in words ("priority Urgent", "team Leads", "assigned to 王芳"), for the
// timeline's `ticket.routed` events and the routing page: the event carries the structured actions,
// so they read in the agent's language rather than the server's English reasons.
import { agentName, teamName } from './agents.js';
import { label } from './format.js';
import { t } from './i18n.js';

/** One action as a phrase; `outcome` (from an event or a dry run) says whom a round-robin picked. */
export function actionWords(action, outcome = {}) {
  switch (action?.type) {
    case 'assign_team':
      return t('routing.action.assign_team', { team: teamName(action.teamId) });
    case 'assign_round_robin':
      return outcome.agentId
        ? t('routing.action.roundRobinPicked', { team: teamName(action.teamId), agent: agentName(outcome.agentId) })
        : t('routing.action.assign_round_robin', { team: teamName(action.teamId) });
    case 'assign_agent':
      return t('routing.action.assign_agent', { agent: agentName(action.agentId) });
    case 'set_priority':
      return t('routing.action.set_priority', { priority: label('priority', action.priority) });
    case 'add_tags':
      return t('routing.action.add_tags', { tags: action.tags.join(', ') });
    case 'send_to_review':
      return t('routing.action.send_to_review');
    default:
      return String(action?.type ?? '');
  }
}

/** What a `ticket.routed` event did: the applied actions, joined; none → null. */
export function appliedActionWords(outcomes) {
  const applied = (outcomes ?? []).filter((o) => o.outcome === 'applied');
  return applied.length ? applied.map((o) => actionWords(o.action, o)).join(t('routing.and')) : null;
}
