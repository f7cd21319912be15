// Where each screen lives. Today the path is kept in the hash (`#/tickets/t_1`), so the server
// serves one page, /desk, and a reload or a shared link keeps the screen. Moving to real paths
// (/desk/tickets/t_1) later means changing this file and the server's /desk route, not the screens.

export const QUEUE_PATH = '/';
export const ticketPath = (id) => `/tickets/${encodeURIComponent(id)}`;

/** The href of a link to `path`. */
export const href = (path) => `#${path}`;

/** The path of the screen the address bar names. */
export function currentPath() {
  return location.hash.replace(/^#/, '') || QUEUE_PATH;
}
