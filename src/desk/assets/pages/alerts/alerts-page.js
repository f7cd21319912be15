// Crisis alerts (leads and admins): the list by status, one alert's evidence, the playbook's
// recommended actions for its level and its history; acknowledge and resolve with a note. The
// list follows the stream (alert.raised, .escalated, …) when the shell delivers it. Each alert has
// its own address, /desk/alerts/{id} (the dashboard links it): opening one puts it in the address
// bar, so a reload or a link shared in the war room opens the same alert.
import { alertPath } from '../../paths.js';
import { el, linkStylesheet } from '../shared/dom.js';
import { formatter } from '../shared/format.js';
import { translator } from '../shared/lookup.js';
import { valueWords } from '../shared/values.js';
import { alertDetail } from './alert-detail.js';
import { alertItem } from './alert-list.js';
import strings from './strings.js';

const FILTERS = { active: 'open,acknowledged', open: 'open', acknowledged: 'acknowledged', resolved: 'resolved', all: '' };
let lastFilter = 'active';

export async function mount(root, ctx) {
  await Promise.all([linkStylesheet(new URL('../shared/pages.css', import.meta.url).pathname), linkStylesheet(new URL('./alerts.css', import.meta.url).pathname)]);
  const t = translator(strings, ctx.locale);
  const fmt = formatter(ctx);
  const locale = fmt.locale;
  const word = valueWords(ctx.locale);
  const names = new Map();
  const who = (actor) => {
    if (actor.type !== 'agent') return t(`actor.${actor.type}`);
    if (actor.id && actor.id === ctx.agent?.id) return `${ctx.agent.name} (${t('you')})`;
    return names.get(actor.id) ?? t('actor.agent');
  };

  const filter = el('select', { id: 'alert-filter', name: 'status' }, Object.keys(FILTERS).map((f) => el('option', { value: f, selected: f === lastFilter, text: t(`filter.${f}`) })));
  const status = el('p', { class: 'muted small', id: 'alert-count', role: 'status' });
  const list = el('ul', { class: 'alert-list', id: 'alert-list', 'aria-labelledby': 'alerts-title' });
  const more = el('button', { type: 'button', class: 'more', id: 'alert-more', hidden: true, text: t('more') });
  const detail = el('section', { class: 'alert-detail', id: 'alert-detail', 'aria-live': 'polite' }, el('p', { class: 'muted', text: t('choose') }));
  root.replaceChildren(
    el(
      'section',
      { class: 'alerts-page', id: 'alerts', 'data-locale': locale },
      el(
        'div',
        { class: 'alerts-header' },
        el('h1', { id: 'alerts-title', text: t('title') }),
        el('label', { class: 'inline', for: 'alert-filter' }, t('show'), filter),
        el('button', { type: 'button', id: 'alert-refresh', onclick: () => void loadList(), text: t('refresh') }),
      ),
      status,
      el('div', { class: 'alerts-layout' }, el('div', { class: 'alerts-col' }, list, more), detail),
    ),
  );

  let alerts = [];
  let cursor = null;
  let selectedId = null;
  let listLoad = 0;

  const renderList = () => {
    list.replaceChildren(...alerts.map((a) => alertItem(a, { t, fmt, locale, selected: a.id === selectedId, onOpen: (id) => void open(id, true) })));
    if (!alerts.length) list.append(el('li', { class: 'empty muted', text: t('none') }));
    status.textContent = t('count', { n: fmt.number(alerts.length) });
    more.hidden = !cursor;
  };

  async function loadList({ append = false } = {}) {
    const mine = ++listLoad;
    const query = new URLSearchParams({ limit: '50' });
    if (FILTERS[filter.value]) query.set('status', FILTERS[filter.value]);
    if (append && cursor) query.set('cursor', cursor);
    if (!append) status.textContent = t('loading');
    try {
      const { data } = await ctx.api('GET', `/v1/alerts?${query}`);
      if (mine !== listLoad) return;
      alerts = append ? [...alerts, ...data.data] : data.data;
      cursor = data.nextCursor;
      renderList();
    } catch (error) {
      if (mine === listLoad) status.textContent = t('failed', { message: error.message });
    }
  }

  const show = (alert, { focus = false, message = '' } = {}) => {
    const note = detail.querySelector('#alert-note')?.value ?? '';
    detail.replaceChildren(
      message ? el('p', { class: 'alert-message', role: 'status', text: message }) : '',
      alertDetail(alert, { t, fmt, locale, word, who, note: alert.status === 'resolved' ? '' : note, onChange: (next, text) => void change(alert, next, text), openTicket: (id) => ctx.navigate(`/desk/tickets/${encodeURIComponent(id)}`) }),
    );
    if (focus) detail.querySelector('#alert-title')?.focus();
  };

  async function open(id, focus = false) {
    selectedId = id;
    if (location.pathname !== alertPath(id)) history.replaceState(null, '', alertPath(id));
    renderList();
    try {
      const { data } = await ctx.api('GET', `/v1/alerts/${encodeURIComponent(id)}`);
      if (selectedId === id) show(data, { focus });
    } catch (error) {
      detail.replaceChildren(el('p', { class: 'error', text: t('failed', { message: error.message }) }));
    }
  }

  async function change(alert, next, note) {
    const buttons = detail.querySelectorAll('#alert-form button');
    buttons.forEach((b) => (b.disabled = true));
    try {
      const { data } = await ctx.api('PATCH', `/v1/alerts/${encodeURIComponent(alert.id)}`, {
        body: { status: next, ...(note ? { note } : {}) },
        headers: { 'if-match': `"${alert.version}"`, 'idempotency-key': crypto.randomUUID() },
      });
      const box = detail.querySelector('#alert-note');
      if (box) box.value = '';
      show(data, { message: t(next === 'resolved' ? 'resolved' : 'acknowledged') });
      alerts = alerts.map((a) => (a.id === data.id ? data : a));
      renderList();
      detail.querySelector('#alert-title')?.focus();
    } catch (error) {
      if (error.status === 412) {
        const { data } = await ctx.api('GET', `/v1/alerts/${encodeURIComponent(alert.id)}`);
        show(data, { message: t('stale') });
      } else {
        buttons.forEach((b) => (b.disabled = false));
        if (!error.handled) detail.prepend(el('p', { class: 'error', role: 'alert', text: t('changeFailed', { message: error.message }) }));
      }
    }
  }

  filter.addEventListener('change', () => {
    lastFilter = filter.value;
    void loadList();
  });
  more.addEventListener('click', () => void loadList({ append: true }));

  // Live: an alert raised or changed anywhere reloads the list (and the open alert), at most every second.
  let timer = 0;
  const unsubscribe = ctx.onStreamEvent?.((event) => {
    if (!String(event?.type ?? '').startsWith('alert.')) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      void loadList();
      const changed = event.data?.alert?.id;
      if (selectedId && (!changed || changed === selectedId)) void open(selectedId);
    }, 1_000);
  });

  void ctx.api('GET', '/v1/agents?limit=200').then(
    ({ data }) => data.data.forEach((a) => names.set(a.id, a.name)),
    () => {}, // names are a nicety: "an agent" otherwise
  );
  await loadList();
  const linked = ctx.params?.[0];
  if (linked) await open(linked, true);
  return () => {
    listLoad++;
    clearTimeout(timer);
    unsubscribe?.();
  };
}
