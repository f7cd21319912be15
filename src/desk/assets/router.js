// Which screen shows: sign-in without a session, otherwise the one the path names (paths.js).
import { hideFlash } from './flash.js';
import { label } from './format.js';
import { byId } from './dom.js';
import { currentPath, href, QUEUE_PATH } from './paths.js';
import { store } from './state.js';
import { showSignIn } from './sign-in-view.js';
import { showQueue } from './queue-view.js';
import { showTicket } from './ticket-view.js';
import { leavePage, showPage } from './page-host.js';

// Tried in order; anything else is the queue. Captured groups are the screen's arguments.
const SCREENS = [
  { path: /^\/tickets\/([A-Za-z0-9_-]{1,64})$/, show: (id) => showTicket(id) },
  { path: /^\/dashboard$/, show: () => showPage('dashboard', navigate) },
  { path: /^\/alerts$/, show: () => showPage('alerts', navigate) },
];

export async function route() {
  hideFlash();
  leavePage();
  if (!store.agent) return signInScreen();
  showTopbar(store.agent);
  const path = currentPath();
  for (const screen of SCREENS) {
    const match = screen.path.exec(path);
    if (match) return screen.show(...match.slice(1));
  }
  return showQueue();
}

/** Goes to `path`; going where we already are shows the screen afresh (a reload of its data). */
export function navigate(path) {
  if (location.hash === href(path)) void route();
  else location.hash = href(path);
}

/** The sign-in form; signing in returns to the ticket the agent was sent to, if any. */
export function signInScreen(message) {
  byId('topbar').hidden = true;
  showSignIn({
    message,
    onSignedIn: () => navigate(SCREENS.some((s) => s.path.test(currentPath())) ? currentPath() : QUEUE_PATH),
  });
}

function showTopbar(agent) {
  byId('topbar').hidden = false;
  byId('me').textContent = `${agent.name} · ${label(agent.role)}`;
  byId('lead-nav').hidden = !['lead', 'admin'].includes(agent.role); // the server still enforces the scopes
}
