// Keyboard shortcuts: each screen registers its own (the queue j/k, the ticket r); `?` shows them
// all. Keys typed into a field, or with Ctrl/Alt/Meta, are the field's, never a shortcut.
import { el } from './dom.js';
import { t } from './i18n.js';

let screenKeys = {};

/** The current screen's keys: `{ j: fn, k: fn }`; returns the function that removes them. */
export function useKeys(keys) {
  screenKeys = keys;
  return () => {
    if (screenKeys === keys) screenKeys = {};
  };
}

const typing = (target) => target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

export function installKeyboard() {
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented || typing(event.target)) return;
    if (document.querySelector('dialog[open]')) return; // the dialog has the keyboard
    if (event.key === '?') {
      event.preventDefault();
      showHelp();
      return;
    }
    const action = screenKeys[event.key];
    if (action) {
      event.preventDefault();
      action(event);
    }
  });
}

// The keys and what they do, in the order the help lists them.
const HELP = [
  ['j', 'keys.next'],
  ['k', 'keys.previous'],
  ['Enter', 'keys.open'],
  ['/', 'keys.search'],
  ['r', 'keys.reply'],
  ['?', 'keys.help'],
  ['Esc', 'keys.close'],
];

export function showHelp() {
  const close = el('button', { type: 'button', class: 'ghost', text: t('action.close'), onclick: () => dialog.close() });
  const dialog = el(
    'dialog',
    { id: 'keys-help', 'aria-labelledby': 'keys-help-title' },
    el('h2', { id: 'keys-help-title', text: t('keys.title') }),
    el('dl', { class: 'keys' }, HELP.flatMap(([key, what]) => [el('dt', {}, el('kbd', { text: key })), el('dd', { text: t(what) })])),
    close,
  );
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  close.focus();
}
