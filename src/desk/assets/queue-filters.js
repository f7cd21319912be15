// The queue's filters: what the agent chose, the queue's address (so a reload or a shared link
// keeps them), and the GET /v1/tickets query they mean. Pure functions, apart from the form.
import { CHANNELS, QUEUE_SORTS, TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES, UNRESOLVED_STATUSES } from './constants.js';
import { el, select } from './dom.js';
import { label } from './format.js';
import { t } from './i18n.js';

export const ASSIGNMENTS = ['any', 'mine', 'unassigned', 'team'];
export const DEFAULT_FILTERS = Object.freeze({ q: '', status: 'active', type: '', channel: '', priority: '', assignment: 'any', review: false, breached: false, sort: 'due' });

/** The filters an address names; anything unknown falls back to the default. */
export function filtersFromSearch(search) {
  const params = new URLSearchParams(search);
  const pick = (name, allowed) => (allowed.includes(params.get(name)) ? params.get(name) : DEFAULT_FILTERS[name]);
  return {
    q: (params.get('q') ?? '').slice(0, 200),
    status: pick('status', ['active', 'all', ...TICKET_STATUSES]),
    type: pick('type', TICKET_TYPES),
    channel: pick('channel', CHANNELS),
    priority: pick('priority', TICKET_PRIORITIES),
    assignment: pick('assignment', ASSIGNMENTS),
    review: params.get('review') === '1',
    breached: params.get('breached') === '1',
    sort: pick('sort', QUEUE_SORTS),
  };
}

/** The address's query for `filters`: only what differs from the default. */
export function searchOf(filters) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    if (value === DEFAULT_FILTERS[name]) continue;
    params.set(name, typeof value === 'boolean' ? (value ? '1' : '0') : value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The GET /v1/tickets query for `filters`, for the agent `me`. */
export function apiQuery(filters, me, limit = 50) {
  const params = new URLSearchParams({ limit: String(limit), sort: filters.sort });
  const statuses = filters.status === 'active' ? UNRESOLVED_STATUSES : filters.status === 'all' ? [] : [filters.status];
  if (statuses.length > 0) params.set('status', statuses.join(','));
  for (const name of ['type', 'channel', 'priority']) if (filters[name]) params.set(name, filters[name]);
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.assignment === 'mine') params.set('assigneeId', me.id);
  if (filters.assignment === 'unassigned') params.set('assigneeId', 'none');
  if (filters.assignment === 'team' && me.teamId) params.set('teamId', me.teamId);
  if (filters.review) params.set('needsReview', 'true');
  if (filters.breached) params.set('sla', 'breached');
  return params;
}

/** The filter form; `onChange(filters)` after every change (search: on submit and after typing stops). */
export function filterForm(filters, me, onChange) {
  const current = { ...filters };
  const changed = (name) => (event) => {
    current[name] = event.target.type === 'checkbox' ? event.target.checked : event.target.value;
    onChange({ ...current });
  };
  const any = ['', t('filter.any')];
  const menu = (name, options) =>
    el('label', { class: 'filter', for: `filter-${name}` }, el('span', { text: t(`filter.${name}`) }), select(`filter-${name}`, options, current[name], { onchange: changed(name) }));

  const search = el('input', { type: 'search', id: 'queue-search', name: 'q', value: current.q, maxlength: 200, placeholder: t('queue.searchPlaceholder'), autocomplete: 'off' });
  let typingTimer = 0;
  search.addEventListener('input', () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => {
      current.q = search.value;
      onChange({ ...current });
    }, 400);
  });
  const check = (name) => el('label', { class: 'check' }, el('input', { type: 'checkbox', id: `filter-${name}`, checked: current[name], onchange: changed(name) }), ` ${t(`filter.${name}`)}`);

  const assignment = ASSIGNMENTS.map((a) => [a, t(`filter.assignment.${a}`)]);
  return el(
    'form',
    {
      class: 'filters',
      role: 'search',
      'aria-label': t('queue.filters'),
      onsubmit: (event) => {
        event.preventDefault();
        clearTimeout(typingTimer);
        current.q = search.value;
        onChange({ ...current });
      },
    },
    el('label', { class: 'filter search', for: 'queue-search' }, el('span', { text: t('queue.search') }), search),
    menu('status', [['active', t('filter.status.active')], ...TICKET_STATUSES.map((s) => [s, label('status', s)]), ['all', t('filter.status.all')]]),
    menu('type', [any, ...TICKET_TYPES.map((v) => [v, label('type', v)])]),
    menu('channel', [any, ...CHANNELS.map((v) => [v, label('channel', v)])]),
    menu('priority', [any, ...TICKET_PRIORITIES.map((v) => [v, label('priority', v)])]),
    el(
      'label',
      { class: 'filter', for: 'filter-assignment' },
      el('span', { text: t('filter.assignment') }),
      select('filter-assignment', me.teamId ? assignment : assignment.filter(([a]) => a !== 'team'), current.assignment, { onchange: changed('assignment') }),
    ),
    menu('sort', QUEUE_SORTS.map((s) => [s, t(`sort.${s}`)]).sort((a, b) => (a[0] === 'due' ? -1 : b[0] === 'due' ? 1 : 0))),
    el('div', { class: 'checks' }, check('review'), check('breached')),
  );
}
