// A session's start: who is signed in, the directory of agents and teams, the live stream.
import { loadDirectory } from './agents.js';
import { store } from './state.js';
import { startStream } from './stream.js';

export async function startSession(agent) {
  store.signedIn(agent);
  startStream();
  await loadDirectory();
}
