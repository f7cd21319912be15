import { describe, expect, it } from 'vitest';
import { createTicketingClient, retryAfterMs, retryingFetch } from '../../openapi/sdk/src/index.ts';

/** Retries against a scripted fetch: which answers are retried, how long it waits, what it resends. */
type Scripted = { status: number; headers?: Record<string, string>; body?: unknown };

function scriptedFetch(answers: Scripted[]) {
  const seen: Request[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    seen.push(request);
    const next = answers[Math.min(seen.length - 1, answers.length - 1)]!;
    const problem = next.status >= 400;
    return new Response(JSON.stringify(next.body ?? (problem ? { type: 'urn:x', title: 'Too many requests', status: next.status, code: 'request.too_many_requests' } : {})), {
      status: next.status,
      headers: { 'content-type': problem ? 'application/problem+json' : 'application/json', ...next.headers },
    });
  }) as typeof fetch;
  return { fetchImpl, seen };
}

const NOW = Date.parse('2026-04-01T08:00:00Z');

describe('Retry-After', () => {
  it('reads seconds and HTTP dates; junk is no answer', () => {
    expect(retryAfterMs('2', NOW)).toBe(2000);
    expect(retryAfterMs('Wed, 01 Apr 2026 08:00:05 GMT', NOW)).toBe(5000);
    expect(retryAfterMs('Wed, 01 Apr 2026 07:00:00 GMT', NOW)).toBe(0);
    expect(retryAfterMs('soon', NOW)).toBeUndefined();
    expect(retryAfterMs(null, NOW)).toBeUndefined();
  });
});

describe('retryingFetch', () => {
  it('retries 429 and 503 after the Retry-After they ask for, resending the same body', async () => {
    const { fetchImpl, seen } = scriptedFetch([{ status: 429, headers: { 'retry-after': '2' } }, { status: 503, headers: { 'retry-after': '1' } }, { status: 201 }]);
    const waits: number[] = [];
    const retrying = retryingFetch(fetchImpl, { sleep: async (ms) => void waits.push(ms), now: () => NOW });
    const response = await retrying('http://svc/v1/tickets', { method: 'POST', body: '{"a":1}', headers: { 'idempotency-key': 'k1' } });
    expect(response.status).toBe(201);
    expect(waits).toEqual([2000, 1000]);
    expect(await Promise.all(seen.map((r) => r.text()))).toEqual(['{"a":1}', '{"a":1}', '{"a":1}']);
    expect(seen.map((r) => r.headers.get('idempotency-key'))).toEqual(['k1', 'k1', 'k1']);
  });

  it('backs off exponentially without Retry-After, gives up after `retries`, and when asked to wait too long', async () => {
    const { fetchImpl, seen } = scriptedFetch([{ status: 503 }]);
    const waits: number[] = [];
    const retrying = retryingFetch(fetchImpl, { retries: 3, baseDelayMs: 100, random: () => 1, sleep: async (ms) => void waits.push(ms) });
    expect((await retrying('http://svc/readyz')).status).toBe(503);
    expect(waits).toEqual([100, 200, 400]);
    expect(seen).toHaveLength(4);

    const tooLong = scriptedFetch([{ status: 429, headers: { 'retry-after': '3600' } }]);
    const patient = retryingFetch(tooLong.fetchImpl, { maxDelayMs: 60_000, sleep: async () => undefined });
    expect((await patient('http://svc/v1/tickets')).status).toBe(429);
    expect(tooLong.seen).toHaveLength(1);
  });

  it('never retries other answers', async () => {
    for (const status of [400, 409, 422, 500]) {
      const { fetchImpl, seen } = scriptedFetch([{ status, headers: { 'retry-after': '1' } }]);
      await retryingFetch(fetchImpl, { sleep: async () => undefined })('http://svc/v1/tickets', { method: 'POST', body: '{}' });
      expect(seen, String(status)).toHaveLength(1);
    }
  });
});

describe('the client', () => {
  it('keeps one generated Idempotency-Key across the retries of a write, and sends the key as a bearer token only', async () => {
    const { fetchImpl, seen } = scriptedFetch([{ status: 429, headers: { 'retry-after': '0' } }, { status: 201, body: { id: 'cus_1' } }]);
    let n = 0;
    const api = createTicketingClient({ baseUrl: 'http://svc/', apiKey: () => 'tk_live', fetch: fetchImpl, idempotencyKey: () => `key-${++n}`, retry: { sleep: async () => undefined } });
    const { data } = await api.createCustomer({ body: { name: 'A' } });
    expect(data).toEqual({ id: 'cus_1' });
    expect(seen.map((r) => [r.url, r.headers.get('idempotency-key'), r.headers.get('authorization'), r.headers.get('cookie')])).toEqual([
      ['http://svc/v1/customers', 'key-1', 'Bearer tk_live', null],
      ['http://svc/v1/customers', 'key-1', 'Bearer tk_live', null],
    ]);
    await api.listCustomers();
    expect(seen[2]!.headers.get('idempotency-key')).toBeNull();
    await api.createCustomer({ body: { name: 'B' } });
    expect(seen[3]!.headers.get('idempotency-key')).toBe('key-2');
  });

  it('turns an answer that is not problem+json into a ProblemError too', async () => {
    const fetchImpl = (async () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } })) as typeof fetch;
    const api = createTicketingClient({ baseUrl: 'http://svc', apiKey: 'tk', fetch: fetchImpl, retry: false });
    await expect(api.listTickets()).rejects.toMatchObject({ name: 'ProblemError', status: 502, code: 'internal', message: 'Bad Gateway: <html>bad gateway</html>' });
  });
});
