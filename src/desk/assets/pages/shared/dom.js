// What the pages build beyond the shell's dom.js (whose el() they use: strings only ever become
// text nodes, so data from the API can never become markup): data tables and their stylesheets.
import { el } from '../../dom.js';

export { el };

/** A table with a caption, column headers and rows of cells (strings or nodes); the first cell of a row is its header. */
export function dataTable({ caption, columns, rows, className = 'data-table', numeric = [] }) {
  const isNumeric = (i) => numeric.includes(i);
  return el(
    'table',
    { class: className },
    caption ? el('caption', { text: caption }) : null,
    el('thead', {}, el('tr', {}, columns.map((c, i) => el('th', { scope: 'col', class: isNumeric(i) ? 'num' : null, text: c })))),
    el(
      'tbody',
      {},
      rows.map((cells) => el('tr', {}, cells.map((cell, i) => el(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : null, class: isNumeric(i) ? 'num' : null }, cell ?? '—')))),
    ),
  );
}

/** Adds a page's stylesheet once (CSP: a <link> to our own file, never inline style); resolves when loaded. */
export function linkStylesheet(href) {
  const existing = document.querySelector(`link[rel="stylesheet"][href="${href}"]`);
  if (existing) return Promise.resolve();
  return new Promise((resolve) => {
    const link = el('link', { rel: 'stylesheet', href });
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => resolve(), { once: true }); // unstyled beats blank
    document.head.append(link);
  });
}
