// Talking to the API: the session cookie goes along (same origin), every request carries the
// CSRF header the server demands of cookie-authenticated writes, and a problem+json answer becomes
// an ApiError whose message is the problem's `detail`, written for people (the server writes
// English; the screens word the errors they expect, such as a lock-out, in the agent's language).

import { t } from './i18n.js';

export class ApiError extends Error {
  constructor(status, problem, retryAfterSeconds = null) {
    super(problem?.detail || problem?.title || t('error.status', { status }));
    this.status = status;
    this.problem = problem;
    this.code = problem?.code ?? null;
    /** Seconds from Retry-After (a lock-out, a rate limit), or null. */
    this.retryAfter = retryAfterSeconds;
  }
}

// Set by the entry point: api.js knows that a 401 ends the session, not which screen follows.
let sessionEnded = () => {};
export function onSessionEnded(handler) {
  sessionEnded = handler;
}

/**
 * fetch with the desk's CSRF header; resolves to `{ data, etag }`. `quiet` leaves a 401 to the
 * caller (signing in, checking for a session) instead of ending the session.
 */
export async function api(method, path, { body, headers = {}, quiet = false } = {}) {
  const init = { method, credentials: 'same-origin', headers: { accept: 'application/json', 'x-requested-with': 'desk', ...headers } };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, { detail: t('error.offline') });
  }
  const data = parseJson(await response.text());
  if (!response.ok) {
    const retryAfter = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
    const error = new ApiError(response.status, data, Number.isFinite(retryAfter) ? retryAfter : null);
    if (response.status === 401 && !quiet) {
      sessionEnded();
      error.handled = true;
    }
    throw error;
  }
  return { data, etag: response.headers.get('etag') };
}

/** A proxy's HTML error page is not JSON: the status alone must then do. */
function parseJson(text) {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** Every row of a paginated list, up to `pages` pages (a ticket's thread is rarely longer). */
export async function fetchAll(path, pages = 5) {
  const rows = [];
  let cursor = null;
  const joiner = path.includes('?') ? '&' : '?';
  for (let i = 0; i < pages; i++) {
    const { data } = await api('GET', `${path}${joiner}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    rows.push(...data.data);
    cursor = data.nextCursor;
    if (!cursor) break;
  }
  return rows;
}

/** One key per send: a retried request (a flaky network) cannot post the reply twice. */
export function idempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
