// What the screens share, in one store: who is signed in, the agents' names (to show people, not
// ids), and the queue's sort and filter (kept while the agent opens tickets and comes back).

const state = {
  agent: null,
  agentNames: new Map(),
  queue: { sort: 'due', status: 'active' },
};

export const store = {
  get agent() {
    return state.agent;
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
    state.agentNames = new Map();
  },
  setAgentNames(agents) {
    state.agentNames = new Map(agents.map((a) => [a.id, a.name]));
  },
  agentNameOf(id) {
    return state.agentNames.get(id);
  },
  setQueue(changes) {
    state.queue = { ...state.queue, ...changes };
  },
};
