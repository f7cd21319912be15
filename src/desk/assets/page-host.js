// Interim wiring (until the new shell's router): the Dashboard and Alerts pages, loaded on demand
// by import() and mounted with the context they expect. The lead replaces this file on merge.
import { api } from './api.js';
import { byId, el } from './dom.js';
import { report } from './flash.js';
import { store } from './state.js';

const PAGES = {
  dashboard: () => import('./pages/dashboard/dashboard-page.js'),
  alerts: () => import('./pages/alerts/alerts-page.js'),
};

let cleanup = null;

/** Ends the page shown last (its charts, its subscriptions): called before any screen shows. */
export function leavePage() {
  const done = cleanup;
  cleanup = null;
  if (typeof done === 'function') done();
}

const locale = () => localStorage.getItem('desk.locale') ?? (navigator.language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');

export async function showPage(name, navigate) {
  leavePage();
  const root = el('div', { class: 'page', id: `page-${name}` });
  byId('app').replaceChildren(root);
  const current = locale();
  const ctx = {
    api,
    navigate,
    agent: store.agent,
    locale: current,
    t: (key) => key,
    formatNumber: (n, opts) => new Intl.NumberFormat(current, opts).format(n),
    formatDate: (d, opts) => new Intl.DateTimeFormat(current, opts).format(new Date(d)),
    onStreamEvent: () => () => {},
  };
  try {
    const page = await PAGES[name]();
    cleanup = await page.mount(root, ctx);
  } catch (error) {
    report(error);
  }
}
