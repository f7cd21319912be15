import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../support/harness.ts';

/**
 * The probe's finding: a key with only `agents:write` created an admin agent, signed in as it
 * and minted an `admin` key. One rule now holds wherever something is granted: a caller never
 * grants more than it holds, and never changes an agent who holds more than it does.
 */
let h: Harness;
const PASSWORD = 'correct horse battery';
/** What an `agent`-role agent may do (src/modules/auth/scopes.ts). */
const AGENT_ROLE = ['inquiries:write', 'tickets:read', 'tickets:write', 'customers:read', 'customers:write', 'agents:read', 'classify', 'routing:read', 'macros:read'];

const freshEmail = () => `probe-${randomBytes(4).toString('hex')}@example.com`;

async function keyWith(scopes: string[]) {
  const res = await h.http.post('/v1/api-keys').set(h.auth).send({ name: 'probe', scopes });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { authorization: `Bearer ${res.body.secret as string}` };
}

async function agentAs(role: 'admin' | 'lead' | 'agent') {
  const email = freshEmail();
  const res = await h.http.post('/v1/agents').set(h.auth).send({ name: `A ${role}`, email, role, password: PASSWORD });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as string, email, version: res.body.version as number };
}

async function sessionOf(email: string, password = PASSWORD) {
  const res = await h.http.post('/v1/sessions').send({ email, password });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('desk_session='))!.split(';')[0]!;
  return { cookie, 'x-requested-with': 'desk' };
}

function expectForbidden(res: { status: number; headers: Record<string, string>; body: { code?: string } }, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(403);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.body.code).toBe(code);
}

beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('the probe, end to end', () => {
  it('an agents:write key cannot create an admin, so nobody signs in as one to mint admin keys', async () => {
    const key = await keyWith(['agents:write']);
    const email = freshEmail();
    const created = await h.http.post('/v1/agents').set(key).send({ name: 'Mallory', email, role: 'admin', password: PASSWORD });
    expectForbidden(created, 'auth.grant_exceeds_caller');
    expect(created.body.detail).toContain('admin');
    const signIn = await h.http.post('/v1/sessions').send({ email, password: PASSWORD });
    expect(signIn.status).toBe(401);
  });

  it('the same key cannot change an admin\'s password', async () => {
    const key = await keyWith(['agents:write', ...AGENT_ROLE]);
    const admin = await agentAs('admin');
    const res = await h.http.patch(`/v1/agents/${admin.id}`).set(key).send({ password: 'mallory was here' });
    expectForbidden(res, 'auth.target_exceeds_caller');
    // Nothing changed: the old password still signs in, the new one does not.
    expect((await h.http.post('/v1/sessions').send({ email: admin.email, password: 'mallory was here' })).status).toBe(401);
    await sessionOf(admin.email);
  });
});

describe('POST /v1/agents', () => {
  it('grants a role only to a caller holding every scope of it', async () => {
    const key = await keyWith(['agents:write', ...AGENT_ROLE]);
    const agent = await h.http.post('/v1/agents').set(key).send({ name: 'Ok', email: freshEmail(), role: 'agent', password: PASSWORD });
    expect(agent.status).toBe(201);
    const byDefault = await h.http.post('/v1/agents').set(key).send({ name: 'Default role', email: freshEmail(), password: PASSWORD });
    expect(byDefault.status).toBe(201);
    const lead = await h.http.post('/v1/agents').set(key).send({ name: 'Lead', email: freshEmail(), role: 'lead', password: PASSWORD });
    expectForbidden(lead, 'auth.grant_exceeds_caller');
    expect(lead.body.detail).toContain('reports:read');
    // A key holding agents:write alone cannot even make an ordinary agent: the role does more than the key.
    const bare = await keyWith(['agents:write']);
    expectForbidden(await h.http.post('/v1/agents').set(bare).send({ name: 'x', email: freshEmail(), password: PASSWORD }), 'auth.grant_exceeds_caller');
  });
});

describe('PATCH /v1/agents/{id}', () => {
  it('promotes no further than the caller holds', async () => {
    const key = await keyWith(['agents:write', ...AGENT_ROLE]);
    const agent = await agentAs('agent');
    expectForbidden(await h.http.patch(`/v1/agents/${agent.id}`).set(key).send({ role: 'lead' }), 'auth.grant_exceeds_caller');
    expectForbidden(await h.http.patch(`/v1/agents/${agent.id}`).set(key).send({ role: 'admin' }), 'auth.grant_exceeds_caller');
    const renamed = await h.http.patch(`/v1/agents/${agent.id}`).set(key).send({ name: 'Renamed', password: 'a new password' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Renamed', role: 'agent' });
  });

  it('changes nothing at all about an agent whose role holds more than the caller', async () => {
    const key = await keyWith(['agents:write', ...AGENT_ROLE]);
    const admin = await agentAs('admin');
    const lead = await agentAs('lead');
    for (const patch of [{ active: false }, { role: 'agent' }, { name: 'Demoted' }, { teamId: null }]) {
      expectForbidden(await h.http.patch(`/v1/agents/${admin.id}`).set(key).send(patch), 'auth.target_exceeds_caller');
    }
    expectForbidden(await h.http.patch(`/v1/agents/${lead.id}`).set(key).send({ password: 'a new password' }), 'auth.target_exceeds_caller');
    const unchanged = await h.http.get(`/v1/agents/${admin.id}`).set(h.auth);
    expect(unchanged.body).toMatchObject({ role: 'admin', active: true, version: admin.version });
  });

  it('limits, never forbids: an admin signed in to the helpdesk promotes and resets freely', async () => {
    const admin = await agentAs('admin');
    const session = await sessionOf(admin.email);
    const lead = await h.http.post('/v1/agents').set(session).send({ name: 'New lead', email: freshEmail(), role: 'lead', password: PASSWORD });
    expect(lead.status).toBe(201);
    const promoted = await h.http.patch(`/v1/agents/${lead.body.id}`).set(session).send({ role: 'admin', password: 'another password' });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe('admin');
  });
});

describe('POST /v1/api-keys', () => {
  it('stays admin-only: a lead signed in to the helpdesk cannot mint keys', async () => {
    const lead = await agentAs('lead');
    const res = await h.http.post('/v1/api-keys').set(await sessionOf(lead.email)).send({ name: 'mine', scopes: ['tickets:read'] });
    expectForbidden(res, 'auth.forbidden');
  });

  it('a key acting for an agent carries no more than the agent\'s role', async () => {
    const agent = await agentAs('agent');
    const tooMuch = await h.http.post('/v1/api-keys').set(h.auth).send({ name: 'for agent', scopes: ['admin'], agentId: agent.id });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.code).toBe('api_keys.scopes_exceed_agent_role');
    expect(tooMuch.body.errors).toEqual([{ path: 'body.scopes', message: expect.stringContaining('admin') }]);
    const reports = await h.http.post('/v1/api-keys').set(h.auth).send({ name: 'for agent', scopes: ['reports:read'], agentId: agent.id });
    expect(reports.status).toBe(422);
    const fits = await h.http.post('/v1/api-keys').set(h.auth).send({ name: 'for agent', scopes: ['tickets:read', 'tickets:write'], agentId: agent.id });
    expect(fits.status).toBe(201);
    expect(fits.body.apiKey).toMatchObject({ agentId: agent.id, scopes: ['tickets:read', 'tickets:write'] });
  });
});
