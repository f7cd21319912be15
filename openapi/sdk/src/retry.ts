/**
 * Retries of answers that say "not now": 429 (rate limited, or an Idempotency-Key still in
 * flight is 409 + Retry-After and is not retried here) and 503 (a dependency is down). The wait
 * is the answer's Retry-After (seconds or an HTTP date), else exponential backoff with jitter,
 * never longer than `maxDelayMs`. Writes are retried safely because every write carries an
 * Idempotency-Key (idempotency.ts): a retry of one that did happen replays its answer.
 */
export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  retries?: number;
  /** Longest single wait; a longer Retry-After gives up instead. Default 30 s. */
  maxDelayMs?: number;
  /** First backoff without Retry-After, doubled each time. Default 250 ms. */
  baseDelayMs?: number;
  /** Statuses worth retrying. Default 429 and 503. */
  statuses?: readonly number[];
  /** For tests. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

const sleeper = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Milliseconds a Retry-After header asks for, or undefined when there is none or it is unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A fetch that retries as above; each attempt sends a fresh copy of the same request. */
export function retryingFetch(fetchImpl: typeof fetch, options: RetryOptions = {}): typeof fetch {
  const retries = options.retries ?? 3;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const baseDelayMs = options.baseDelayMs ?? 250;
  const statuses = new Set(options.statuses ?? [429, 503]);
  const sleep = options.sleep ?? sleeper;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;

  return async (input, init) => {
    const request = new Request(input, init);
    for (let attempt = 0; ; attempt++) {
      const response = await fetchImpl(request.clone());
      if (!statuses.has(response.status) || attempt >= retries) return response;
      const asked = retryAfterMs(response.headers.get('retry-after'), now());
      const backoff = baseDelayMs * 2 ** attempt * (0.5 + random() / 2);
      const wait = asked ?? backoff;
      if (wait > maxDelayMs) return response;
      // The answer is dropped: free its connection before waiting.
      await response.body?.cancel();
      await sleep(wait);
    }
  };
}
