import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';

/**
 * The audit log: reads and changes of a customer by an API key and by an agent's helpdesk
 * session, with who, what, where and how it ended; filters and keyset pages; the table refuses
 * changes; no personal data in its rows.
 */
let h: Harness;
const PASSWORD = 'correct horse battery';
const CANARY_NAME = `Canary王${randomBytes(3).toString('hex')}`;
const CANARY_EMAIL = `canary-${randomBytes(3).toString('hex')}@example.com`;

interface AuditRecord {
  id: string;
  actor: { type: string; id: string | null; apiKeyId: string | null };
  kind: string;
  action: string;
  resource: string;
  resourceId: string | null;
  route: string | null;
  status: number | null;
  ip: string | null;
  userAgent: string | null;
}

async function auditLog(query: Record<string, string>) {
  const res = await h.http.get('/v1/audit-log').query(query).set(h.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { data: AuditRecord[]; nextCursor: string | null };
}

let customerId: string;
let agentId: string;
let cookie: string;
let keyId: string;
let key: string;

beforeAll(async () => {
  h = await createHarness();
  const email = `lead-${randomBytes(4).toString('hex')}@example.com`;
  const agent = await h.http.post('/v1/agents').set(h.auth).send({ name: 'Li Lei', email, role: 'lead', password: PASSWORD }).expect(201);
  agentId = agent.body.id;
  const session = await h.http.post('/v1/sessions').send({ email, password: PASSWORD }).expect(201);
  cookie = (session.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('desk_session='))!.split(';')[0]!;
  const minted = await h.http.post('/v1/api-keys').set(h.auth).send({ name: 'crm sync', scopes: ['customers:read', 'customers:write', 'tickets:read'] }).expect(201);
  keyId = minted.body.apiKey.id;
  key = minted.body.secret;

  const opened = await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ customer: { externalId: `u-${randomBytes(4).toString('hex')}`, name: CANARY_NAME } })).expect(201);
  customerId = opened.body.ticket.customerId;
});
afterAll(() => h.close());

describe('the audit log', () => {
  it('records a customer export and erasure by a privacy officer\'s key, with the outcome', async () => {
    const minted = await h.http.post('/v1/api-keys').set(h.auth).send({ name: 'privacy officer', scopes: ['customers:export', 'customers:erase'] }).expect(201);
    const officer = { authorization: `Bearer ${minted.body.secret}` };
    const opened = await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ customer: { externalId: `u-${randomBytes(4).toString('hex')}` } })).expect(201);
    const subject = opened.body.ticket.customerId as string;
    await h.http.get(`/v1/customers/${subject}/export`).set(officer).expect(200);
    await h.http.delete(`/v1/customers/${subject}`).set(officer).send({ reason: 'PIPL request #7' }).expect(200);
    await h.container.audit.flush();
    const { data } = await auditLog({ resourceId: subject });
    const mine = data.filter((r) => r.actor.apiKeyId === minted.body.apiKey.id).map((r) => [r.action, r.kind, r.status]);
    expect(mine).toEqual(expect.arrayContaining([['customers.export', 'read', 200], ['customers.erase', 'delete', 200]]));
    expect(JSON.stringify(data)).not.toContain('PIPL request #7');
  });

  it('records reads and changes of a customer by an API key, with where from and the outcome', async () => {
    const bearer = { authorization: `Bearer ${key}` };
    await h.http.get(`/v1/customers/${customerId}`).set(bearer).set('user-agent', 'crm-sync/2.1 (Linux; ops@example.com) node/20.19.0').expect(200);
    await h.http.get('/v1/customers').query({ q: CANARY_NAME }).set(bearer).expect(200);
    const read = await h.http.get(`/v1/customers/${customerId}`).set(bearer).expect(200);
    await h.http.patch(`/v1/customers/${customerId}`).set(bearer).set('if-match', read.headers.etag as string).send({ email: CANARY_EMAIL }).expect(200);
    await h.http.patch(`/v1/customers/cus_nothere`).set(bearer).send({ email: CANARY_EMAIL }).expect(404);
    await h.http.post('/v1/agents').set(bearer).send({ name: 'x', email: 'x@example.com', role: 'agent', password: PASSWORD }).expect(403);

    const { data } = await auditLog({ actor: keyId });
    const byAction = (action: string) => data.filter((r) => r.action === action);
    expect(byAction('customers.read')).toHaveLength(2);
    expect(byAction('customers.read')[1]).toMatchObject({
      actor: { type: 'api_key', id: keyId, apiKeyId: keyId },
      kind: 'read',
      resource: 'customers',
      resourceId: customerId,
      route: '/v1/customers/:id',
      status: 200,
      ip: expect.stringMatching(/127\.0\.0\.1/),
      userAgent: 'crm-sync/2.1 node/20.19.0',
    });
    // A list: no resource id, and never the search term (the route pattern, not the URL).
    expect(byAction('customers.list')).toMatchObject([{ resourceId: null, route: '/v1/customers', status: 200 }]);
    const updates = byAction('customers.update');
    expect(updates.map((r) => [r.resourceId, r.status, r.kind])).toEqual([
      ['cus_nothere', 404, 'update'],
      [customerId, 200, 'update'],
    ]);
    // A known caller refused: recorded with who tried.
    expect(byAction('agents.create')).toMatchObject([{ status: 403, actor: { type: 'api_key', id: keyId } }]);
  });

  it('records reads and changes by an agent signed in to the helpdesk, and of tickets that show the customer', async () => {
    const desk = { cookie, 'x-requested-with': 'desk' };
    const read = await h.http.get(`/v1/customers/${customerId}`).set(desk);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    await h.http.patch(`/v1/customers/${customerId}`).set(desk).set('if-match', read.headers.etag as string).send({ phone: '+86 138 0013 8000' }).expect(200);
    const opened = await h.http.post('/v1/tickets').set(desk).send({ customerId, subject: 'by hand', body: 'hello' }).expect(201);
    const ticket = { body: opened.body.ticket as { id: string } };
    await h.http.get(`/v1/tickets/${ticket.body.id}/messages`).set(desk).expect(200);
    await h.http.post(`/v1/tickets/${ticket.body.id}/messages`).set(desk).send({ body: 'we are on it', author: 'agent' }).expect(201);

    const { data } = await auditLog({ actor: agentId });
    expect(data.map((r) => [r.action, r.resourceId, r.status])).toEqual([
      ['tickets.messages.create', ticket.body.id, 201],
      ['tickets.messages.list', ticket.body.id, 200],
      ['tickets.create', ticket.body.id, 201],
      ['customers.update', customerId, 200],
      ['customers.read', customerId, 200],
      ['sessions.create', expect.any(String), 201], // the sign-in that gave the cookie
    ]);
    expect(data[0]!.actor).toEqual({ type: 'agent', id: agentId, apiKeyId: null });

    // Everything about the customer, whoever did it.
    const about = await auditLog({ resource: 'customers', resourceId: customerId });
    expect(new Set(about.data.map((r) => r.actor.id))).toEqual(new Set([keyId, agentId]));
    expect(about.data.filter((r) => r.action === 'customers.update' && r.status === 200).map((r) => r.actor.type).sort()).toEqual(['agent', 'api_key']);
    expect(about.data.every((r) => r.resource === 'customers' && r.resourceId === customerId)).toBe(true);
  });

  it('filters by action and period, and pages with a keyset cursor', async () => {
    const reads = await auditLog({ action: 'customers.read,customers.update', limit: '2' });
    expect(reads.data).toHaveLength(2);
    expect(reads.nextCursor).not.toBeNull();
    const rest = await auditLog({ action: 'customers.read,customers.update', cursor: reads.nextCursor! });
    const ids = [...reads.data, ...rest.data].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...reads.data, ...rest.data].every((r) => ['customers.read', 'customers.update'].includes(r.action))).toBe(true);

    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await auditLog({ from: future })).data).toEqual([]);
    const bad = await h.http.get('/v1/audit-log').query({ from: future, to: new Date().toISOString() }).set(h.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('audit.invalid_period');
  });

  it('is for admins only: a lead or a key without audit:read is refused', async () => {
    expect((await h.http.get('/v1/audit-log').set({ cookie })).status).toBe(403);
    expect((await h.http.get('/v1/audit-log').set({ authorization: `Bearer ${key}` })).status).toBe(403);
  });

  it('intake is not audited row by row: the ticket timeline records it with its actor', async () => {
    await h.http.post('/v1/inquiries').set(h.auth).send(inquiry()).expect(201);
    expect((await auditLog({ action: 'inquiries.create' })).data).toEqual([]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself; only a pending row may be sealed once', async () => {
    const db = h.container.db.db;
    const [sealed] = (await auditLog({ limit: '1' })).data;
    await expect(db.execute(sql`UPDATE audit_log SET action = 'nothing' WHERE id = ${sealed!.id}`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
    await expect(db.execute(sql`UPDATE audit_log SET status = 500 WHERE id = ${sealed!.id}`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
    await expect(db.execute(sql`DELETE FROM audit_log WHERE id = ${sealed!.id}`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
    await expect(db.execute(sql`TRUNCATE audit_log`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });

    const pending = await h.container.audit.begin({ actor: { type: 'system', id: null }, action: 'customers.erase', kind: 'delete', resource: 'customers', resourceId: customerId });
    await h.container.audit.seal(pending, 204, null);
    await expect(db.execute(sql`UPDATE audit_log SET status = 200 WHERE id = ${pending}`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
    const system = await auditLog({ actor: 'system' });
    expect(system.data).toMatchObject([{ id: pending, action: 'customers.erase', status: 204, actor: { type: 'system', id: null, apiKeyId: null } }]);
  });

  it('commits a change\'s row before the change runs: one that never answers still leaves its trace', async () => {
    const blocker = await h.container.db.pool.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM customers WHERE id = $1 FOR UPDATE', [customerId]);
      const current = await h.http.get(`/v1/customers/${customerId}`).set(h.auth).expect(200);
      // The change waits on the lock, as one would in a process that dies mid-change.
      const patch = h.http.patch(`/v1/customers/${customerId}`).set(h.auth).set('if-match', current.headers.etag as string).send({ name: 'Renamed' }).then((r) => r);
      let pending: { id: string }[] = [];
      for (let i = 0; i < 50 && pending.length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        pending = (await h.container.db.pool.query("SELECT id FROM audit_log WHERE resource_id = $1 AND action = 'customers.update' AND status IS NULL", [customerId])).rows;
      }
      expect(pending).toHaveLength(1);
      await blocker.query('ROLLBACK');
      expect((await patch).status).toBe(200);
      const sealed = await h.container.db.pool.query('SELECT status FROM audit_log WHERE id = $1', [pending[0]!.id]);
      expect(sealed.rows).toEqual([{ status: 200 }]);
    } finally {
      blocker.release();
    }
  });

  it('records sign-ins: a session given (201, with its id, which the answer never shows) and a refused password on an account (401); an unknown email names nobody', async () => {
    const email = `agent-${randomBytes(4).toString('hex')}@example.com`;
    const agent = await h.http.post('/v1/agents').set(h.auth).send({ name: 'Han Meimei', email, role: 'agent', password: PASSWORD }).expect(201);
    await h.http.post('/v1/sessions').set('user-agent', 'Mozilla/5.0 (X11) Firefox/140.0').send({ email, password: 'not the password' }).expect(401);
    await h.http.post('/v1/sessions').send({ email, password: PASSWORD }).expect(201);
    const before = (await auditLog({ action: 'sessions.create' })).data.length;
    await h.http.post('/v1/sessions').send({ email: `nobody-${randomBytes(4).toString('hex')}@example.com`, password: PASSWORD }).expect(401);

    const { data } = await auditLog({ actor: agent.body.id });
    expect(data.map((r) => [r.action, r.kind, r.resource, r.resourceId, r.status, r.route])).toEqual([
      ['sessions.create', 'create', 'sessions', expect.stringMatching(/^ses_/), 201, '/v1/sessions'],
      ['sessions.create', 'create', 'sessions', null, 401, '/v1/sessions'],
    ]);
    expect(data[1]!.actor).toEqual({ type: 'agent', id: agent.body.id, apiKeyId: null });
    expect(data[1]!.userAgent).toBe('Mozilla/5.0 Firefox/140.0'); // name/version tokens only
    expect((await auditLog({ action: 'sessions.create' })).data.length).toBe(before);
    const rows = JSON.stringify((await h.container.db.pool.query(`SELECT * FROM audit_log WHERE action = 'sessions.create'`)).rows);
    expect(rows).not.toContain(email);
    expect(rows).not.toContain('nobody-');
  });

  it('records sign-outs: this session (sessions.current.delete) and everywhere (sessions.delete), each naming the session that asked; a stale cookie records nothing', async () => {
    const email = `agent-${randomBytes(4).toString('hex')}@example.com`;
    const agent = await h.http.post('/v1/agents').set(h.auth).send({ name: 'Lin Tao', email, role: 'agent', password: PASSWORD }).expect(201);
    const signIn = async () => {
      const res = await h.http.post('/v1/sessions').send({ email, password: PASSWORD }).expect(201);
      return (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('desk_session='))!.split(';')[0]!;
    };
    const first = await signIn();
    const second = await signIn();
    const third = await signIn();
    const desk = { 'x-requested-with': 'desk' };
    await h.http.delete('/v1/sessions/current').set({ cookie: first, ...desk }).expect(204);
    await h.http.delete('/v1/sessions/current').set({ cookie: first, ...desk }).expect(204); // already ended
    await h.http.delete('/v1/sessions').set({ cookie: second, ...desk }).expect(204); // ends the third too
    await h.http.delete('/v1/sessions/current').set({ cookie: third, ...desk }).expect(204); // already ended

    const { data } = await auditLog({ actor: agent.body.id });
    const created = data.filter((r) => r.action === 'sessions.create').map((r) => r.resourceId).reverse();
    expect(created).toHaveLength(3);
    expect(data.filter((r) => r.action !== 'sessions.create').map((r) => [r.action, r.kind, r.resourceId, r.status, r.route])).toEqual([
      ['sessions.delete', 'delete', created[1], 204, '/v1/sessions'],
      ['sessions.current.delete', 'delete', created[0], 204, '/v1/sessions/current'],
    ]);
  });

  it('holds no personal data: no name, email or search term from the requests', async () => {
    await h.container.audit.flush();
    const rows = await h.container.db.pool.query('SELECT * FROM audit_log');
    const text = JSON.stringify(rows.rows);
    expect(rows.rows.length).toBeGreaterThan(5);
    expect(text).not.toContain(CANARY_NAME);
    expect(text).not.toContain(CANARY_EMAIL);
    expect(text).not.toContain('ops@example.com');
    expect(text).not.toContain('13800138000');
    expect(text).not.toContain('138 0013');
  });
});
