import { randomUUID } from 'node:crypto';
import { createClient, createConfig, type Client } from './generated/client/index.js';
import { TicketingApi } from './generated/sdk.gen.js';
import { toProblemError } from './problem.js';
import { retryingFetch, type RetryOptions } from './retry.js';

export interface TicketingClientOptions {
  /** Where the service is, e.g. `http://ticketing.internal:3000` (paths start with `/v1`). */
  baseUrl: string;
  /** An API key (`tk_…`), or a function that returns the current one (rotation). */
  apiKey: string | (() => string | Promise<string>);
  /** Retries of 429 and 503 honouring Retry-After; `false` for none. */
  retry?: RetryOptions | false;
  /** The Idempotency-Key of a write that names none. Default: a random UUID per call. */
  idempotencyKey?: () => string;
  /** Headers sent with every request (a `user-agent` naming your service helps the logs). */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The generated client of every operation (`TicketingApi`, one method per operationId), set up
 * the way the service wants to be called:
 * - `Authorization: Bearer <key>` (the helpdesk cookie scheme is never used from a service);
 * - an `Idempotency-Key` on every write that names none, the same on each retry of that call;
 * - 429 and 503 retried after their Retry-After;
 * - every 4xx/5xx thrown as a ProblemError (typed `code`, `errors[{path, message}]`).
 * Calls answer `{ data, response, request }`; `data` is typed by the document, per status.
 */
export function createTicketingClient(options: TicketingClientOptions): TicketingApi {
  const baseFetch = options.fetch ?? globalThis.fetch;
  const client: Client = createClient(
    createConfig({
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      throwOnError: true,
      fetch: options.retry === false ? baseFetch : retryingFetch(baseFetch, options.retry),
      headers: options.headers,
      auth: async (scheme) => (scheme.scheme === 'bearer' ? (typeof options.apiKey === 'function' ? await options.apiKey() : options.apiKey) : undefined),
    }),
  );
  const newKey = options.idempotencyKey ?? randomUUID;
  client.interceptors.request.use((request) => {
    if (WRITES.has(request.method) && !request.headers.has('idempotency-key')) request.headers.set('idempotency-key', newKey());
    return request;
  });
  client.interceptors.error.use((error, response) => (response ? toProblemError(error, response) : error));
  return new TicketingApi({ client });
}
