// Which screen shows: sign-in without a session, otherwise the one the path names (paths.js).
// Real paths through the History API: links inside the desk are followed in the page (no reload),
// back and forward work, and the server answers every one of these paths with the page.
import { api } from './api.js';
import { MACRO_ROLES, REPORT_ROLES, ROUTING_ROLES } from './constants.js';
import { byId, el, mount } from './dom.js';
import { hideFlash } from './flash.js';
import { formatDate, formatDuration, formatNumber, locale, t } from './i18n.js';
import { renderNav } from './nav.js';
import { currentPath, isDeskScreen, legacyHashPath, QUEUE_PATH } from './paths.js';
import { showCustomer } from './customer-view.js';
import { showQueue } from './queue-view.js';
import { startSession } from './session.js';
import { showSignIn } from './sign-in-view.js';
import { store } from './state.js';
import { subscribe } from './stream.js';
import { showTicket } from './ticket-view.js';

const ID = '([A-Za-z0-9_-]{1,64})';

// Tried in order; captured groups are the screen's arguments. `page`: loaded on demand with
// import() (the dashboard's charts are no part of the first load), `roles`: who may open it.
const SCREENS = [
  { name: 'queue', path: /^\/desk$/, show: (alive) => showQueue(alive) },
  { name: 'ticket', path: new RegExp(`^/desk/tickets/${ID}$`), show: (alive, id) => showTicket(id, alive) },
  { name: 'customer', path: new RegExp(`^/desk/customers/${ID}$`), show: (alive, id) => showCustomer(id, alive) },
  { name: 'dashboard', path: /^\/desk\/dashboard$/, roles: REPORT_ROLES, page: () => import('./pages/dashboard/dashboard-page.js') },
  { name: 'alerts', path: new RegExp(`^/desk/alerts(?:/${ID})?$`), roles: REPORT_ROLES, page: () => import('./pages/alerts/alerts-page.js') },
  { name: 'macros', path: /^\/desk\/macros$/, roles: MACRO_ROLES, page: () => import('./pages/macros/macros-page.js') },
  { name: 'routing', path: /^\/desk\/routing$/, roles: ROUTING_ROLES, page: () => import('./pages/routing/routing-page.js') },
];

/** Which screens the signed-in agent's role may open (the nav shows those only). */
export const canOpen = (name) => {
  const screen = SCREENS.find((s) => s.name === name);
  return Boolean(screen && store.agent && (!screen.roles || screen.roles.includes(store.agent.role)));
};

let generation = 0;
let leave = null;

function leaveScreen() {
  const cleanup = leave;
  leave = null;
  try {
    cleanup?.();
  } catch {
    // a page that fails to clean up must not keep the next one from showing
  }
}

/** Shows the screen the address names. `focus`: move focus to its heading (after a navigation). */
export async function route({ focus = false } = {}) {
  const mine = ++generation;
  const alive = () => mine === generation;
  hideFlash();
  leaveScreen();
  if (!store.agent) return signInScreen();
  const path = currentPath();
  const screen = SCREENS.find((s) => s.path.test(path));
  renderNav(screen?.name ?? null, { canOpen, onSignedOut: (message) => signInScreen(message) });
  let cleanup = null;
  if (!screen) {
    document.title = `${t('notFound.title')} · ${t('app.name')}`;
    mount(el('section', { class: 'card' }, el('h1', { tabindex: '-1', text: t('notFound.title') }), el('p', {}, el('a', { href: QUEUE_PATH, text: t('nav.backToQueue') }))));
  } else if (!canOpen(screen.name)) {
    document.title = `${t('forbidden.title')} · ${t('app.name')}`;
    mount(el('section', { class: 'card' }, el('h1', { tabindex: '-1', text: t('forbidden.title') }), el('p', { text: t('forbidden.body') }), el('a', { href: QUEUE_PATH, text: t('nav.backToQueue') })));
  } else if (screen.page) {
    cleanup = await showPage(screen, alive, screen.path.exec(path).slice(1).filter((arg) => arg !== undefined).map(decodeURIComponent));
  } else {
    cleanup = await screen.show(alive, ...screen.path.exec(path).slice(1).map(decodeURIComponent));
  }
  if (!alive()) {
    cleanup?.();
    return;
  }
  leave = cleanup ?? null;
  if (focus) byId('app').querySelector('h1')?.focus({ preventScroll: false });
}

async function showPage(screen, alive, params) {
  document.title = `${t(`nav.${screen.name}`)} · ${t('app.name')}`;
  mount(el('p', { class: 'muted', text: t('common.loading') }));
  let module;
  try {
    module = await screen.page();
  } catch {
    if (alive()) mount(el('p', { class: 'error', role: 'alert', text: t('error.pageLoad') }));
    return null;
  }
  if (!alive()) return null;
  const root = el('section', { class: `page page-${screen.name}` });
  mount(root);
  return module.mount(root, pageContext(params)) ?? null;
}

/** What a page loaded on demand gets from the shell (the contract with pages/…); `params`: what its path captured (an alert's id). */
function pageContext(params = []) {
  return { api, navigate, agent: store.agent, locale: locale(), t, formatNumber, formatDate, formatDuration, onStreamEvent: subscribe, params };
}

/** Goes to `path` (a /desk path, with a query if any); `replace` keeps the history entry. */
export function navigate(path, { replace = false } = {}) {
  const here = location.pathname + location.search;
  if (path !== here) history[replace ? 'replaceState' : 'pushState'](null, '', path);
  return route({ focus: true });
}

/** Links inside the desk are followed in the page; a new tab, a download or another site are the browser's. */
export function followLinksInPage() {
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!link || link.target || link.hasAttribute('download')) return;
    const url = new URL(link.href);
    if (!isDeskScreen(url)) return;
    if (url.hash && url.pathname === location.pathname && url.search === location.search) return; // an anchor on this screen
    event.preventDefault();
    void navigate(url.pathname + url.search);
  });
  // Back, forward, and an old `#/tickets/x` link followed from this page (a fragment navigation:
  // popstate, then hashchange), which is turned into its path first.
  const followHistory = () => {
    const legacy = legacyHashPath();
    if (legacy) history.replaceState(null, '', legacy);
    void route({ focus: true });
  };
  window.addEventListener('popstate', followHistory);
  window.addEventListener('hashchange', () => legacyHashPath() && followHistory());
}

/** The sign-in form; signing in shows the screen the address names (a deep link survives it). */
export function signInScreen(message) {
  byId('topbar').hidden = true;
  showSignIn({
    message,
    onSignedIn: async (agent) => {
      await startSession(agent);
      await route({ focus: true });
    },
  });
}
