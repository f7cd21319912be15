// Agents and teams as people and names: messages and events carry ids, the desk shows names.
import { fetchAll } from './api.js';
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
