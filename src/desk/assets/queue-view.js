// The queue: by SLA urgency (or newest), filtered and searched, 50 at a time. It stays current by
// itself: an event on the stream (a new inquiry, a change, an SLA warning or breach) reloads what
// is shown, new tickets are marked and announced to screen readers. j/k move, Enter opens.
import { api } from './api.js';
import { el, mount } from './dom.js';
import { report } from './flash.js';
import { t } from './i18n.js';
import { useKeys } from './keyboard.js';
import { apiQuery, filterForm, filtersFromSearch, searchOf } from './queue-filters.js';
import { ticketRow } from './queue-row.js';
import { store } from './state.js';
import { RESYNC, subscribe } from './stream.js';

// The events that can change which tickets the queue shows, or how they look there.
const RELEVANT = /^(ticket\.|message\.created$|sla\.|csat\.)|^stream\.resync$/;
const LIVE_DELAY_MS = 250; // a burst of events (a reply: message, update, SLA) is one reload
const LIVE_INTERVAL_MS = 1000;

export async function showQueue(alive) {
  const me = store.agent;
  // The address names the filters when it has any (a reload, a shared link); otherwise the ones
  // the agent last used, put back into the address.
  let filters = location.search ? filtersFromSearch(location.search) : (store.queue ?? filtersFromSearch(''));
  store.setQueue(filters);
  history.replaceState(null, '', `${location.pathname}${searchOf(filters)}`);
  document.title = `${t('queue.title')} · ${t('app.name')}`;

  const list = el('ol', { class: 'queue', id: 'queue', 'aria-labelledby': 'queue-title', 'aria-busy': 'true' });
  const more = el('button', { type: 'button', class: 'ghost more', hidden: true, text: t('queue.more') });
  const summary = el('p', { class: 'muted small', id: 'queue-summary' });
  const announce = el('p', { class: 'sr-only', id: 'queue-announce', 'aria-live': 'polite' });
  let cursor = null;
  let shown = new Set();
  let loaded = 0;
  let request = 0;

  async function load({ append = false, live = false } = {}) {
    const mine = ++request;
    const limit = live ? Math.min(200, Math.max(50, loaded)) : 50;
    const params = apiQuery(filters, me, limit);
    if (append && cursor) params.set('cursor', cursor);
    list.setAttribute('aria-busy', 'true');
    try {
      const { data } = await api('GET', `/v1/tickets?${params}`);
      if (mine !== request || !alive()) return;
      const arrived = live ? data.data.filter((ticket) => !shown.has(ticket.id)) : [];
      if (!append) {
        list.replaceChildren();
        shown = new Set();
        loaded = 0;
      }
      // Keep the row the agent is on (j/k): a live reload must not throw the focus away.
      const focusedId = document.activeElement?.closest?.('#queue a.row')?.dataset.ticketId;
      for (const ticket of data.data) {
        shown.add(ticket.id);
        list.append(ticketRow(ticket, { fresh: arrived.includes(ticket) }));
      }
      loaded += data.data.length;
      if (focusedId) list.querySelector(`a.row[data-ticket-id="${CSS.escape(focusedId)}"]`)?.focus({ preventScroll: true });
      if (loaded === 0) list.append(el('li', { class: 'empty', text: t(filters.q ? 'queue.noMatch' : 'queue.empty') }));
      cursor = data.nextCursor;
      more.hidden = !cursor;
      summary.textContent = t(filters.sort === 'due' ? 'queue.byUrgency' : 'queue.byNewest', { count: loaded });
      if (arrived.length > 0) announce.textContent = arrived.map((ticket) => t('queue.arrived', { number: String(ticket.number), subject: ticket.subject })).join(' ');
    } catch (error) {
      if (mine === request) report(error);
    } finally {
      if (mine === request) list.setAttribute('aria-busy', 'false');
    }
  }

  function choose(next) {
    filters = next;
    store.setQueue(filters);
    history.replaceState(null, '', `${location.pathname}${searchOf(filters)}`);
    void load();
  }

  // A burst of events is one reload, and a busy desk reloads at most once a second.
  let liveTimer = 0;
  let lastLive = 0;
  const unsubscribe = subscribe((event) => {
    if (!RELEVANT.test(event.type) && event.type !== RESYNC) return;
    if (liveTimer) return;
    const wait = Math.max(LIVE_DELAY_MS, lastLive + LIVE_INTERVAL_MS - Date.now());
    liveTimer = setTimeout(() => {
      liveTimer = 0;
      lastLive = Date.now();
      void load({ live: true });
    }, wait);
  });

  const rows = () => [...list.querySelectorAll('a.row')];
  function move(step) {
    const all = rows();
    if (all.length === 0) return;
    const at = all.indexOf(document.activeElement);
    const next = at < 0 ? (step > 0 ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, at + step));
    all[next].focus();
    all[next].scrollIntoView({ block: 'nearest' });
  }
  const keysOff = useKeys({
    j: () => move(1),
    k: () => move(-1),
    '/': () => document.getElementById('queue-search')?.focus(),
  });

  more.addEventListener('click', () => void load({ append: true }));
  mount(
    el(
      'section',
      { class: 'queue-view' },
      el('div', { class: 'toolbar' }, el('h1', { id: 'queue-title', tabindex: '-1', text: t('queue.title') }), el('span', { class: 'muted small', text: t('queue.keysHint') })),
      filterForm(filters, me, choose),
      summary,
      announce,
      list,
      more,
    ),
  );
  await load();
  return () => {
    unsubscribe();
    keysOff();
    clearTimeout(liveTimer);
    request += 1; // an answer still on its way is for a screen that is gone
  };
}
