import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.ts';
import { inquiry } from '../support/factories.ts';

/** Values that pass a loose schema but cannot be used: each is a 4xx naming the field, never ignored, never a 5xx. */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const paths = (res: { body: { errors?: { path: string }[] } }) => (res.body.errors ?? []).map((e) => e.path);

describe('unknown fields and query parameters', () => {
  it('are refused on query strings, also of routes that take none', async () => {
    const list = await h.http.get('/v1/tickets?statuss=open').set(h.auth);
    expect(list.status).toBe(400);
    expect(paths(list)).toEqual(['querystring.statuss']);
    const ticket = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry())).body.ticket;
    const one = await h.http.get(`/v1/tickets/${ticket.id}?expand=messages`).set(h.auth);
    expect(one.status).toBe(400);
    expect(paths(one)).toEqual(['querystring.expand']);
    expect((await h.http.get(`/v1/tickets/${ticket.id}`).set(h.auth)).status).toBe(200);
  });

  it('are refused deep in bodies, each with its path', async () => {
    const res = await h.http
      .post('/v1/sla-policies')
      .set(h.auth)
      .send({
        name: 'strict',
        position: 5,
        targets: [{ metric: 'first_response', within: 'PT1H', withinn: 'PT2H' }],
        escalations: { onBreach: [{ type: 'set_priority', priority: 'high', note: 'x' }] },
      });
    expect(res.status).toBe(400);
    expect(paths(res).sort()).toEqual(['body.escalations.onBreach.0.note', 'body.targets.0.withinn']);
  });

  it('the document says so: every JSON request body allows no other properties', async () => {
    const document = h.app.swagger() as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }>>;
      components: { schemas: Record<string, { additionalProperties?: unknown }> };
    };
    const bodies = Object.values(document.paths).flatMap((item) => Object.values(item).map((op) => op.requestBody?.content['application/json']?.schema));
    const refs = bodies.filter((schema) => schema?.$ref).map((schema) => schema!.$ref!.split('/').pop()!);
    expect(refs.length).toBeGreaterThan(10);
    for (const name of refs) expect(document.components.schemas[name]?.additionalProperties, name).toBe(false);
  });
});

describe('references to rows that do not exist', () => {
  it('a ticket for a missing customer is 422 naming customerId', async () => {
    const res = await h.http.post('/v1/tickets').set(h.auth).send({ subject: 's', body: 'b', customerId: 'cus_missing' });
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(['body.customerId']);
  });

  it('a ticket for a customer known by an unusable phone is 400, not 500', async () => {
    const res = await h.http.post('/v1/tickets').set(h.auth).send({ subject: 's', body: 'b', customer: { phone: '-' } });
    expect(res.status).toBe(400);
    expect(paths(res)).toContain('body.customer.phone');
  });
});

describe('reports', () => {
  it('refuse a period whose from is not before its to, given or implied', async () => {
    const routes = ['/v1/reports/sla', '/v1/reports/csat', '/v1/reports/csat/comments', '/v1/reports/classification', '/v1/exports/classification-corrections'];
    for (const route of routes) {
      for (const query of ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'from=2999-01-01T00:00:00Z']) {
        const res = await h.http.get(`${route}?${query}`).set(h.auth);
        expect(res.status, `${route}?${query}`).toBe(400);
        expect(paths(res), route).toEqual(['querystring.from']);
      }
      expect((await h.http.get(`${route}?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z`).set(h.auth)).status, route).toBe(200);
    }
  });
});

describe('API keys', () => {
  it('cannot be created already expired', async () => {
    const past = await h.http.post('/v1/api-keys').set(h.auth).send({ name: 'late', scopes: ['tickets:read'], expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
    expect(paths(past)).toEqual(['body.expiresAt']);
    const future = await h.http.post('/v1/api-keys').set(h.auth).send({ name: 'ok', scopes: ['tickets:read'], expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(future.status).toBe(201);
  });
});

describe('x-request-id', () => {
  it('is echoed when it is a sane id, and replaced when it is not', async () => {
    const sane = await h.http.get('/healthz').set('x-request-id', 'svc-a.42_x');
    expect(sane.headers['x-request-id']).toBe('svc-a.42_x');
    for (const junk of ['x'.repeat(5_000), 'x'.repeat(129), 'has space', 'a\u00e9b', '']) {
      const res = await h.http.get('/healthz').set('x-request-id', junk);
      expect(res.headers['x-request-id'], junk.slice(0, 10)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
