// The top bar: the screens the agent's role may open (the others are not shown; the server still
// checks every request), whether the live connection is up, the language, who is signed in, and
// signing out (here, or everywhere: every session of this agent on every browser).
import { api } from './api.js';
import { AGENT_STATUSES, PASSWORD_ROLES, QUEUE_VIEW_ROLES } from './constants.js';
import { byId, el, select } from './dom.js';
import { flash, report } from './flash.js';
import { label } from './format.js';
import { LOCALES, locale, setLocale, t } from './i18n.js';
import { icon } from './icons.js';
import { showHelp } from './keyboard.js';
import { showPasswordDialog } from './password-dialog.js';
import { ALERTS_PATH, DASHBOARD_PATH, MACROS_PATH, QUEUE_PATH, QUEUE_VIEW_PATH, ROUTING_PATH } from './paths.js';
import { store } from './state.js';
import { onStatus, stopStream } from './stream.js';

const LINKS = [
  { name: 'queue', href: QUEUE_PATH, current: ['queue', 'ticket', 'customer'] },
  { name: 'dashboard', href: DASHBOARD_PATH, current: ['dashboard'] },
  { name: 'alerts', href: ALERTS_PATH, current: ['alerts'] },
  { name: 'macros', href: MACROS_PATH, current: ['macros'] },
  { name: 'routing', href: ROUTING_PATH, current: ['routing'] },
];

/** The status shown in the top bar: a shape and the word (never colour alone). */
function statusBadge(status) {
  return el('span', { class: `agent-status agent-status-${status}`, id: 'my-status', 'data-status': status, text: `${status === 'available' ? '●' : '○'} ${label('agentStatus', status)}` });
}

let stopStatus = () => {};

export function languageMenu(id) {
  return el(
    'label',
    { class: 'inline language' },
    el('span', { class: 'sr-only', text: t('nav.language') }),
    icon('globe'),
    select(id, LOCALES.map((l) => [l, t(`locale.${l}`)]), locale(), { onchange: (event) => setLocale(event.target.value) }),
  );
}

export function renderNav(screenName, { canOpen, onSignedOut }) {
  const bar = byId('topbar');
  bar.hidden = false;
  const agent = store.agent;
  const links = LINKS.filter((link) => canOpen(link.name)).map((link) =>
    el('a', { href: link.href, class: 'nav-link', id: `nav-${link.name}`, 'aria-current': link.current.includes(screenName) ? 'page' : undefined, text: t(`nav.${link.name}`) }),
  );
  // Admins also get the operators' queue view (bull-board, /admin/queues): another page of the
  // service, signed in by the same cookie, so the browser follows the link (no desk screen).
  if (QUEUE_VIEW_ROLES.includes(agent.role)) links.push(el('a', { href: QUEUE_VIEW_PATH, class: 'nav-link', id: 'nav-queues', title: t('nav.queuesHint'), text: t('nav.queues') }));
  const liveStatus = el('span', { class: 'live-status', id: 'live-status', role: 'status' });
  stopStatus();
  stopStatus = onStatus((status) => {
    liveStatus.dataset.status = status;
    liveStatus.textContent = `${status === 'live' ? '●' : '○'} ${t(`live.${status}`)}`;
  });

  async function signOut(everywhere) {
    try {
      await api('DELETE', everywhere ? '/v1/sessions' : '/v1/sessions/current', { quiet: true });
    } catch (error) {
      if (error.status !== 401) {
        report(error);
        return;
      }
    }
    stopStream();
    store.signedOut();
    history.replaceState(null, '', QUEUE_PATH);
    onSignedOut(t(everywhere ? 'signIn.signedOutEverywhere' : 'signIn.signedOut'));
    if (everywhere) flash(t('signIn.signedOutEverywhere'), 'info');
  }

  // Available or away (round-robin routing skips an agent who is away): from the directory, set with PATCH /v1/agents/me.
  const myStatus = store.agents.find((a) => a.id === agent.id)?.status ?? AGENT_STATUSES[0];
  async function setStatus(status) {
    try {
      const { data } = await api('PATCH', '/v1/agents/me', { body: { status } });
      store.setAgents(store.agents.some((a) => a.id === data.id) ? store.agents.map((a) => (a.id === data.id ? { ...a, ...data } : a)) : [...store.agents, data]);
      flash(t(`agentStatus.set.${status}`), 'info');
      renderNav(screenName, { canOpen, onSignedOut });
      byId('me')?.focus();
    } catch (error) {
      report(error);
    }
  }
  const statusChoices = el(
    'fieldset',
    { class: 'status-choices' },
    el('legend', { class: 'small muted', text: t('agentStatus.legend') }),
    AGENT_STATUSES.map((status) =>
      el(
        'label',
        { class: 'check' },
        el('input', { type: 'radio', name: 'my-status', id: `status-${status}`, value: status, checked: status === myStatus, onchange: () => void setStatus(status) }),
        ` ${label('agentStatus', status)}`,
      ),
    ),
    el('span', { class: 'muted small', text: t('agentStatus.hint') }),
  );

  const menu = el(
    'details',
    { class: 'account' },
    el('summary', { id: 'me' }, el('span', { class: 'me-name', text: agent.name }), ' ', el('span', { class: 'muted', text: label('role', agent.role) }), ' ', statusBadge(myStatus)),
    el(
      'div',
      { class: 'account-menu' },
      statusChoices,
      PASSWORD_ROLES.includes(agent.role) ? el('button', { type: 'button', class: 'ghost', id: 'change-password', text: t('password.title'), onclick: showPasswordDialog }) : null,
      el('button', { type: 'button', class: 'ghost', id: 'sign-out', text: t('nav.signOut'), onclick: () => void signOut(false) }),
      el('button', { type: 'button', class: 'ghost', id: 'sign-out-everywhere', text: t('nav.signOutEverywhere'), onclick: () => void signOut(true) }),
    ),
  );

  bar.replaceChildren(
    el('a', { class: 'skip', href: '#app', text: t('nav.skip') }),
    el('a', { class: 'brand', href: QUEUE_PATH, text: t('app.name') }),
    el('nav', { 'aria-label': t('nav.label') }, links),
    el('span', { class: 'spacer' }),
    liveStatus,
    languageMenu('locale'),
    el('button', { type: 'button', class: 'ghost keys-button', 'aria-keyshortcuts': '?', title: t('keys.title'), 'aria-label': t('keys.title'), onclick: showHelp }, icon('keyboard')),
    menu,
  );
}
