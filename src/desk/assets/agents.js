// Agents and teams as people and names: messages and events carry ids, the desk shows names.
import { fetchAll } from './api.js';
import { ROUTING_ROLES } from './constants.js';
import { label } from './format.js';
import { t } from './i18n.js';
import { store } from './state.js';

export async function loadDirectory() {
  // Names are a nicety (a role may not list agents or teams): ids are shown instead.
  const [agents, teams] = await Promise.allSettled([fetchAll('/v1/agents', 2), fetchAll('/v1/teams', 1)]);
  if (agents.status === 'fulfilled') store.setAgents(agents.value);
  if (teams.status === 'fulfilled') store.setTeams(teams.value);
}

export function agentName(id) {
  if (!id) return t('agent.someone');
  const me = store.agent;
  if (me && id === me.id) return t('agent.you', { name: me.name });
  return store.agentNameOf(id) ?? id;
}

export function teamName(id) {
  return id ? (store.teamNameOf(id) ?? id) : '—';
}

/**
 * What routing sees of an agent, for leads and admins where agents are offered ("away", "at cap
 * 10/10", "3/10"): the words routing's round-robin decides by. Null for others, or when nothing is notable.
 */
export function availabilityOf(agent) {
  if (!agent || !ROUTING_ROLES.includes(store.agent?.role)) return null;
  const parts = [];
  if (agent.status && agent.status !== 'available') parts.push(label('agentStatus', agent.status));
  if (agent.loadCap != null) {
    const open = agent.openTickets ?? 0;
    parts.push(t(open >= agent.loadCap ? 'agentStatus.atCap' : 'agentStatus.load', { open, cap: agent.loadCap }));
  }
  return parts.length ? parts.join(', ') : null;
}
