// The one live connection: Server-Sent Events from GET /v1/stream (the session cookie goes along),
// shared by every screen through subscribe(). No polling: the queue and the open ticket change
// when their events arrive.
//
// Reconnecting: after a dropped connection EventSource reconnects by itself and sends
// Last-Event-ID, so nothing is missed. When the server refuses (a 401, a 503 while restarting)
// EventSource gives up; then a new one is opened with back-off (1 s, 2 s, 4 s … 30 s, jittered).
// It cannot carry Last-Event-ID, so subscribers get a `stream.resync` notice to reload what they show.
import { api } from './api.js';
import { EVENT_TYPES } from './constants.js';

export const RESYNC = 'stream.resync';
const STREAM_URL = '/v1/stream';
const MAX_BACKOFF_MS = 30_000;

const subscribers = new Set();
const statusListeners = new Set();
let source = null;
let attempts = 0;
let retryTimer = 0;
let status = 'off';
let lostTrack = false;

/** `fn(event)` for every event (the API's event object, as GET /v1/events lists it); returns unsubscribe. */
export function subscribe(fn) {
  subscribers.add(fn);
  return () => subscribers.delete(fn);
}

/** 'connecting' | 'live' | 'reconnecting' | 'off'; `fn(status)` on every change; returns unsubscribe. */
export function onStatus(fn) {
  statusListeners.add(fn);
  fn(status);
  return () => statusListeners.delete(fn);
}

export const streamStatus = () => status;

function setStatus(next) {
  if (next === status) return;
  status = next;
  for (const fn of [...statusListeners]) fn(next);
}

function deliver(event) {
  for (const fn of [...subscribers]) {
    try {
      fn(event);
    } catch {
      // one screen's mistake must not stop the others from updating
    }
  }
}

function onMessage(message) {
  let event;
  try {
    event = JSON.parse(message.data);
  } catch {
    return;
  }
  deliver(event);
}

export function startStream() {
  if (source || retryTimer) return;
  connect();
}

export function stopStream() {
  clearTimeout(retryTimer);
  retryTimer = 0;
  source?.close();
  source = null;
  attempts = 0;
  lostTrack = false;
  setStatus('off');
}

function connect() {
  retryTimer = 0;
  setStatus(attempts === 0 ? 'connecting' : 'reconnecting');
  const es = new EventSource(STREAM_URL);
  source = es;
  for (const type of EVENT_TYPES) es.addEventListener(type, onMessage);
  es.addEventListener('open', () => {
    attempts = 0;
    setStatus('live');
    if (lostTrack) {
      lostTrack = false;
      deliver({ type: RESYNC });
    }
  });
  es.addEventListener('error', () => {
    if (es !== source) return;
    if (es.readyState === EventSource.CONNECTING) {
      setStatus('reconnecting'); // the browser retries with Last-Event-ID
      return;
    }
    es.close();
    source = null;
    lostTrack = true;
    // Refused: perhaps the session ended (EventSource cannot tell a 401). Asking once lets api.js
    // show the sign-in form if so; otherwise the stream is retried below.
    api('GET', '/v1/sessions/current').catch(() => undefined);
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempts) * (0.75 + Math.random() * 0.5);
    attempts += 1;
    setStatus('reconnecting');
    retryTimer = setTimeout(connect, delay);
  });
}
