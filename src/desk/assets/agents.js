// Agents as people: messages and events carry agent ids, the desk shows names.
import { api } from './api.js';
import { store } from './state.js';

export async function loadAgentNames() {
  try {
    const { data } = await api('GET', '/v1/agents?limit=200', { quiet: true });
    store.setAgentNames(data.data);
  } catch {
    // Names are a nicety (a role may not list agents): ids are shown instead.
  }
}

export function agentName(id) {
  if (!id) return 'Agent';
  const me = store.agent;
  if (me && id === me.id) return `${me.name} (you)`;
  return store.agentNameOf(id) ?? id;
}
