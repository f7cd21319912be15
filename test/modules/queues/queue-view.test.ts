import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../support/harness.ts';

/**
 * The operators' queue view (bull-board at /admin/queues): an admin's helpdesk session or an admin
 * key reads it; a lead's session, another key or nobody cannot; it has no write routes at all.
 */
let h: Harness;
const PASSWORD = 'correct horse battery';

async function sessionAs(role: 'admin' | 'lead') {
  const email = `${role}-${randomBytes(4).toString('hex')}@example.com`;
  await h.http.post('/v1/agents').set(h.auth).send({ name: role, email, role, password: PASSWORD }).expect(201);
  const res = await h.http.post('/v1/sessions').send({ email, password: PASSWORD }).expect(201);
  return (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('desk_session='))!.split(';')[0]!;
}

let admin: string;
let lead: string;

beforeAll(async () => {
  h = await createHarness();
  admin = await sessionAs('admin');
  lead = await sessionAs('lead');
});
afterAll(() => h.close());

describe('the queue view', () => {
  it("answers an admin's browser (the helpdesk cookie): the page, its scripts, and every queue with its counts", async () => {
    const page = await h.http.get('/admin/queues').set({ cookie: admin, accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<base href="/admin/queues/" />');
    // Nothing leaves this origin: the page's Google Fonts link is blocked by the policy.
    expect(page.text).toContain('fonts.googleapis.com');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'.*style-src 'self' 'unsafe-inline'/);
    expect(page.headers['content-security-policy']).not.toContain('googleapis');
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(page.text)?.[1];
    expect(script).toBeDefined();
    const js = await h.http.get(`/admin/queues/${script}`).set({ cookie: admin });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);

    const api = await h.http.get('/admin/queues/api/queues').set({ cookie: admin });
    expect(api.status, api.text).toBe(200);
    const names = (api.body.queues as { name: string; readOnlyMode: boolean; counts: Record<string, number> }[]).map((q) => q.name);
    expect(names).toEqual(expect.arrayContaining(['sla', 'webhooks']));
    expect((api.body.queues as { readOnlyMode: boolean }[]).every((q) => q.readOnlyMode)).toBe(true);
    // A page of the SLA queue, as the UI asks for it.
    expect((await h.http.get('/admin/queues/api/queues').query({ activeQueue: 'sla', status: 'delayed', page: 1 }).set({ cookie: admin })).status).toBe(200);
  });

  it('answers an admin key, and refuses a lead, another key and nobody', async () => {
    expect((await h.http.get('/admin/queues/api/queues').set(h.auth)).status).toBe(200);
    expect((await h.http.get('/admin/queues/api/queues').set({ cookie: lead })).status).toBe(403);
    const key = (await h.http.post('/v1/api-keys').set(h.auth).send({ name: 'reader', scopes: ['reports:read', 'metrics:read'] }).expect(201)).body.secret;
    expect((await h.http.get('/admin/queues/api/queues').set({ authorization: `Bearer ${key}` })).status).toBe(403);
    const nobody = await h.http.get('/admin/queues');
    expect(nobody.status).toBe(401);
    expect((await h.http.get('/admin/queues/static/nothing.js')).status).toBe(401);
  });

  it('has no actions: retry, clean, empty, pause, add are not routes at all, even for an admin', async () => {
    for (const [method, path] of [
      ['put', '/admin/queues/api/queues/sla/retry/failed'],
      ['put', '/admin/queues/api/queues/sla/clean/completed'],
      ['put', '/admin/queues/api/queues/sla/empty'],
      ['put', '/admin/queues/api/queues/pause'],
      ['post', '/admin/queues/api/queues/sla/add'],
      ['put', '/admin/queues/api/queues/sla/obliterate'],
    ] as const) {
      const res = await h.http[method](path).set(h.auth).send({});
      expect([404, 405], `${method} ${path}: ${res.status}`).toContain(res.status);
    }
  });
});
