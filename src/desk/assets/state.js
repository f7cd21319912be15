// What the screens share, in one store: who is signed in, the agents and teams (to show people,
// not ids, and to offer them as assignees), and the queue's filters (kept while the agent opens
// tickets and comes back; also in the queue's address, so a reload keeps them).

const state = {
  agent: null,
  agents: [],
  teams: [],
  queue: null,
};

export const store = {
  get agent() {
    return state.agent;
  },
  get agents() {
    return state.agents;
  },
  get teams() {
    return state.teams;
  },
  get queue() {
    return state.queue;
  },
  signedIn(agent) {
    state.agent = agent;
  },
  // Whatever belonged to the session goes with it: the next agent at this browser starts afresh.
  signedOut() {
    state.agent = null;
    state.agents = [];
    state.teams = [];
    state.queue = null;
  },
  setAgents(agents) {
    state.agents = agents;
  },
  setTeams(teams) {
    state.teams = teams;
  },
  agentNameOf(id) {
    return state.agents.find((a) => a.id === id)?.name;
  },
  teamNameOf(id) {
    return state.teams.find((team) => team.id === id)?.name;
  },
  setQueue(filters) {
    state.queue = filters;
  },
};
