import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.ts';

/**
 * Every documented operation, hit with the kinds of garbage real clients send. The rule under
 * test: bad input is a 4xx problem+json, never a 5xx.
 */
let h: Harness;
let operations: { path: string; method: string }[];

beforeAll(async () => {
  h = await createHarness();
  const document = h.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  operations = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => ({ path, method })));
});
afterAll(() => h.close());

const JUNK_IDS = ['%E0%A4%A', '%', 'x', 'tkt_', '%00', '..%2F..%2Fetc', 'a'.repeat(500), '%E2%98%83', "1'%20OR%201=1", '-1', '9999999999999999999999'];
const JUNK_BODIES: unknown[] = [
  {},
  [],
  null,
  'just a string',
  12345,
  { body: 12345, channel: ['web'], customer: 'me', status: { a: 1 }, limit: 'x' },
  { body: 'x'.repeat(300_000), subject: 'y'.repeat(10_000), name: 'z'.repeat(10_000) },
  { channel: 'web', customer: { email: 'not-an-email' }, body: '\u0000\uFFFF' },
  { status: 'exploded', priority: 'meh', tags: [1, 2, 3], assigneeId: 42 },
];

function pathWith(path: string, id: string) {
  return path.replace(/\{[^}]+\}/g, id);
}

async function send(method: string, url: string, body?: unknown, raw?: string, headers: Record<string, string> = {}) {
  let request = h.http[method as 'get'](url).set(h.auth).set(headers);
  if (raw !== undefined) request = request.set('content-type', 'application/json').send(raw);
  else if (body !== undefined) request = request.send(body as object);
  return request;
}

function expectClientError(res: { status: number; headers: Record<string, string>; body: { status?: number } }, context: string) {
  expect(res.status, context).toBeLessThan(500);
  if (res.status < 400) return;
  // The customer's survey page answers people, not programs: a friendly HTML page.
  if (context.includes(' /survey/')) {
    expect(res.headers['content-type'], context).toContain('text/html');
    return;
  }
  expect(res.headers['content-type'], context).toContain('application/problem+json');
  expect(res.body.status, context).toBe(res.status);
}

describe('malformed requests against every documented operation', () => {
  it('junk ids in paths', async () => {
    for (const { path, method } of operations.filter((o) => o.path.includes('{'))) {
      for (const id of JUNK_IDS) {
        const res = await send(method, pathWith(path, id), method === 'get' || method === 'delete' ? undefined : {});
        expectClientError(res, `${method} ${path} id=${id}`);
      }
    }
  });

  it('junk bodies, broken JSON and wrong types', async () => {
    for (const { path, method } of operations.filter((o) => ['post', 'put', 'patch'].includes(o.method))) {
      const url = pathWith(path, 'tkt_doesnotexist');
      for (const body of JUNK_BODIES) {
        const res = await send(method, url, undefined, JSON.stringify(body));
        expectClientError(res, `${method} ${path} body=${JSON.stringify(body).slice(0, 80)}`);
      }
      for (const raw of ['{"broken": ', '{"a":1}}', '\u0000', '{"__proto__": {"admin": true}}']) {
        expectClientError(await send(method, url, undefined, raw), `${method} ${path} raw=${raw}`);
      }
    }
  });

  it('junk query strings: cursors, limits, filters', async () => {
    const queries = ['limit=0', 'limit=201', 'limit=abc', 'cursor=garbage', 'cursor=W10', `cursor=${'A'.repeat(400)}`, 'status=nope', 'createdFrom=yesterday', 'q=' + '%F0%9F'.repeat(3), 'limit=1&limit=2'];
    for (const { path, method } of operations.filter((o) => o.method === 'get')) {
      for (const query of queries) {
        const res = await send('get', `${pathWith(path, 'tkt_doesnotexist')}?${query}`);
        expectClientError(res, `GET ${path}?${query}`);
      }
    }
  });

  it('a body over the limit is 413, an unknown content type 415, a non-JSON Accept 406', async () => {
    const big = await h.http.post('/v1/inquiries').set(h.auth).set('content-type', 'application/json').send(`{"body":"${'x'.repeat(1_100_000)}"}`);
    expect(big.status).toBe(413);
    expect(big.headers['content-type']).toContain('application/problem+json');
    const xml = await h.http.post('/v1/inquiries').set(h.auth).set('content-type', 'application/xml').send('<a/>');
    expect(xml.status).toBe(415);
    const accept = await h.http.get('/v1/tickets').set(h.auth).set('accept', 'text/html');
    expect(accept.status).toBe(406);
  });

  it('an unknown route is 404 and a wrong method on a known one is 405 with Allow', async () => {
    const missing = await h.http.get('/v1/nothing-here').set(h.auth);
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    const wrong = await h.http.delete('/v1/tickets').set(h.auth);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toContain('GET');
  });

  it('no key is 401, a bad key is 401, a key without the scope is 403', async () => {
    expect((await h.http.get('/v1/tickets')).status).toBe(401);
    expect((await h.http.get('/v1/tickets').set('authorization', 'Bearer nope')).status).toBe(401);
    expect((await h.http.get('/v1/tickets').set('authorization', 'Basic abc')).status).toBe(401);
    const created = await h.http.post('/v1/api-keys').set(h.auth).send({ name: 'reader', scopes: ['customers:read'] });
    expect(created.status).toBe(201);
    const limited = { authorization: `Bearer ${created.body.secret}` };
    const forbidden = await h.http.get('/v1/tickets').set(limited);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('auth.forbidden');
    expect((await h.http.get('/v1/customers').set(limited)).status).toBe(200);
  });
});
