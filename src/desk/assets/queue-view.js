// The queue: tickets by urgency or newest, filtered by status, 50 at a time.
import { api } from './api.js';
import { QUEUE_SORTS, TICKET_STATUSES, UNRESOLVED_STATUSES } from './constants.js';
import { el, mount, select } from './dom.js';
import { report } from './flash.js';
import { label } from './format.js';
import { ticketRow } from './queue-row.js';
import { store } from './state.js';

// The filters offered: the unresolved ones together (the default), each status, all of them.
const STATUS_FILTERS = [
  { key: 'active', text: `Active (${UNRESOLVED_STATUSES.map(label).join(', ')})`, statuses: UNRESOLVED_STATUSES },
  ...TICKET_STATUSES.map((s) => ({ key: s, text: label(s), statuses: [s] })),
  { key: 'all', text: 'All statuses', statuses: [] },
];

// The desk's words for the sorts the API offers, in the order the menu lists them.
const SORT_WORDS = { due: 'Most urgent', created: 'Newest' };
const SORTS = [...QUEUE_SORTS].sort((a, b) => rank(a) - rank(b)).map((s) => [s, SORT_WORDS[s] ?? label(s)]);
function rank(sort) {
  const at = Object.keys(SORT_WORDS).indexOf(sort);
  return at < 0 ? Infinity : at;
}

export async function showQueue() {
  document.title = 'Queue · Helpdesk';
  const list = el('ol', { class: 'queue', id: 'queue' });
  const more = el('button', { type: 'button', class: 'ghost more', hidden: true, text: 'Load more' });
  const hint = el('p', { class: 'muted small' });
  let cursor = null;

  async function load(reset) {
    const { sort, status } = store.queue;
    const params = new URLSearchParams({ limit: '50', sort });
    const statuses = STATUS_FILTERS.find((f) => f.key === status)?.statuses ?? [];
    if (statuses.length > 0) params.set('status', statuses.join(','));
    if (!reset && cursor) params.set('cursor', cursor);
    hint.textContent = sort === 'due' ? 'Most urgent first: tickets with a running SLA deadline.' : 'Newest first.';
    try {
      const { data } = await api('GET', `/v1/tickets?${params}`);
      if (reset) list.replaceChildren();
      for (const ticket of data.data) list.append(ticketRow(ticket));
      if (reset && data.data.length === 0) list.append(el('li', { class: 'empty', text: 'No tickets here.' }));
      cursor = data.nextCursor;
      more.hidden = !cursor;
    } catch (error) {
      report(error);
    }
  }

  const choose = (key) => (event) => {
    store.setQueue({ [key]: event.target.value });
    void load(true);
  };
  const sort = select('sort', SORTS, store.queue.sort, { onchange: choose('sort') });
  const status = select('status', STATUS_FILTERS.map((f) => [f.key, f.text]), store.queue.status, { onchange: choose('status') });
  more.addEventListener('click', () => void load(false));
  mount(
    el(
      'section',
      { class: 'queue-view' },
      el(
        'div',
        { class: 'toolbar' },
        el('h1', { text: 'Queue' }),
        el('label', { class: 'inline' }, 'Sort ', sort),
        el('label', { class: 'inline' }, 'Status ', status),
        el('button', { type: 'button', class: 'ghost', text: 'Refresh', onclick: () => void load(true) }),
      ),
      hint,
      list,
      more,
    ),
  );
  await load(true);
}
