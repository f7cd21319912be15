// Where each screen lives: real paths under /desk (History API), which the server answers with the
// page (desk.routes.ts DESK_PAGE_PATHS), so a reload or a shared link opens the same screen.

export const QUEUE_PATH = '/desk';
export const DASHBOARD_PATH = '/desk/dashboard';
export const ALERTS_PATH = '/desk/alerts';
export const alertPath = (id) => `${ALERTS_PATH}/${encodeURIComponent(id)}`;
/** The operators' queue view (bull-board), served by the API beside the desk: not a desk screen. */
export const QUEUE_VIEW_PATH = '/admin/queues';
export const MACROS_PATH = '/desk/macros';
export const ROUTING_PATH = '/desk/routing';
export const ticketPath = (id) => `/desk/tickets/${encodeURIComponent(id)}`;
export const customerPath = (id) => `/desk/customers/${encodeURIComponent(id)}`;

/** The path of the screen the address bar names, without a trailing slash. */
export function currentPath() {
  return location.pathname.replace(/\/+$/, '') || QUEUE_PATH;
}

/**
 * Links from before real paths (`/desk#/tickets/t_1`) name their screen in the hash: the path it
 * means now, or null. Only the desk's own shapes are taken, so an anchor (#main) is left alone.
 */
export function legacyHashPath(hash = location.hash) {
  const match = /^#(\/(?:tickets|customers)\/[A-Za-z0-9_-]{1,64}|\/dashboard|\/alerts|\/)$/.exec(hash);
  if (!match) return null;
  return match[1] === '/' ? QUEUE_PATH : `${QUEUE_PATH}${match[1]}`;
}

/** Whether a link's URL is a screen of the desk (handled in the page, not by loading it). */
export function isDeskScreen(url) {
  return url.origin === location.origin && /^\/desk(\/|$)/.test(url.pathname) && !url.pathname.startsWith('/desk/assets/');
}
