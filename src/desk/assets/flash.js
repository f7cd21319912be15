// The one banner for outcomes and errors (role=alert in the page, so screen readers announce it).
import { byId } from './dom.js';

let timer = 0;

export function flash(message, kind = 'error') {
  const box = byId('flash');
  box.textContent = message;
  box.className = `flash ${kind}`;
  box.hidden = false;
  clearTimeout(timer);
  // Errors stay long enough to be read and acted on; confirmations get out of the way.
  timer = setTimeout(() => (box.hidden = true), kind === 'error' ? 10_000 : 4_000);
}

export function hideFlash() {
  byId('flash').hidden = true;
}

/** Shows an error, unless it was already dealt with (an ended session shows the sign-in form instead). */
export function report(error) {
  if (error?.handled) return;
  flash(error instanceof Error ? error.message : String(error));
}
