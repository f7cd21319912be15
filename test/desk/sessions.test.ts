import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.ts';
import { inquiry } from '../support/factories.ts';

/**
 * Helpdesk sessions: sign-in by email and password, the `desk_session` cookie as an alternative to
 * a Bearer key (with the role's scopes), the CSRF header on cookie writes, sign-out.
 * Sign-ins from one address are limited (60 a minute, 30 failures in 10 minutes), so this file
 * signs in sparingly (the limits have their own test at the end).
 */
let h: Harness;
const PASSWORD = 'correct horse battery';

async function createAgent(role: 'admin' | 'lead' | 'agent' = 'agent') {
  const email = `agent-${randomBytes(4).toString('hex')}@example.com`;
  const res = await h.http.post('/v1/agents').set(h.auth).send({ name: 'Li Lei 李雷', email, role, password: PASSWORD });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, email };
}

function cookieOf(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'] as string[] | undefined;
  const line = raw?.find((c) => c.startsWith('desk_session='));
  expect(line).toBeDefined();
  return line!.split(';')[0]!;
}

async function signIn(email: string, password = PASSWORD) {
  const res = await h.http.post('/v1/sessions').send({ email, password });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { res, cookie: cookieOf(res) };
}

beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('signing in', () => {
  let agent: { id: string; email: string };
  let cookie: string;

  beforeAll(async () => {
    agent = await createAgent();
    ({ cookie } = await signIn(agent.email.toUpperCase())); // emails compare case-insensitively
  });

  it('answers the agent, a 12-hour expiry and a hardened cookie; only a hash is stored', async () => {
    const { res } = await signIn(agent.email);
    expect(res.body).toEqual({
      agent: { id: agent.id, name: 'Li Lei 李雷', email: agent.email, role: 'agent', teamId: null },
      expiresAt: expect.any(String),
    });
    const hours = (Date.parse(res.body.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
    expect(res.headers['cache-control']).toBe('no-store');
    const line = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('desk_session='))!;
    expect(line).toMatch(/^desk_session=[A-Za-z0-9_-]{43}; /);
    expect(line).toContain('HttpOnly');
    expect(line).toContain('SameSite=Strict');
    expect(line).toContain('Path=/');
    expect(line).toContain('Max-Age=43200');
    expect(line).not.toContain('Secure'); // plain http here
    const token = line.split(';')[0]!.slice('desk_session='.length);
    const stored = await h.container.db.pool.query('SELECT token_hash, agent_id FROM agent_sessions WHERE agent_id = $1', [agent.id]);
    expect(stored.rows.length).toBeGreaterThanOrEqual(2);
    expect(stored.rows.map((r) => r.token_hash)).not.toContain(token);
  });

  // When the cookie is Secure (PUBLIC_URL https, or https through a trusted proxy): test/modules/auth/session-cookie.test.ts.

  it('answers the same 401 for an unknown email, a wrong password and a deactivated agent', async () => {
    const unknown = await h.http.post('/v1/sessions').send({ email: 'nobody@example.com', password: PASSWORD });
    const wrong = await h.http.post('/v1/sessions').send({ email: agent.email, password: 'not the password' });
    const inactive = await createAgent();
    await h.http.patch(`/v1/agents/${inactive.id}`).set(h.auth).send({ active: false }).expect(200);
    const deactivated = await h.http.post('/v1/sessions').send({ email: inactive.email, password: PASSWORD });
    for (const res of [unknown, wrong, deactivated]) {
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
    expect(strip(wrong.body)).toEqual(strip(deactivated.body));
    expect(wrong.body).toMatchObject({ status: 401, code: 'auth.invalid_credentials', detail: 'Wrong email or password' });
  });

  it('GET /v1/sessions/current answers the signed-in agent, 401 without a session', async () => {
    const current = await h.http.get('/v1/sessions/current').set('cookie', `theme=dark; ${cookie}`);
    expect(current.status).toBe(200);
    expect(current.body.agent).toMatchObject({ id: agent.id, role: 'agent' });
    const none = await h.http.get('/v1/sessions/current');
    expect(none.status).toBe(401);
    expect(none.headers['content-type']).toContain('application/problem+json');
    const junk = await h.http.get('/v1/sessions/current').set('cookie', 'desk_session=%00<script>');
    expect(junk.status).toBe(401);
    const forged = await h.http.get('/v1/sessions/current').set('cookie', `desk_session=${randomBytes(32).toString('base64url')}`);
    expect(forged.status).toBe(401);
  });
});

describe('the session cookie on the API', () => {
  let agent: { id: string; email: string };
  let cookie: string;
  let ticketId: string;

  beforeAll(async () => {
    agent = await createAgent();
    ({ cookie } = await signIn(agent.email));
    ticketId = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ body: '我的订单三天了还没发货' }))).body.ticket.id;
  });

  it('reads tickets with the cookie alone', async () => {
    const res = await h.http.get('/v1/tickets?sort=due').set('cookie', cookie);
    expect(res.status).toBe(200);
    expect(res.body.data.map((t: { id: string }) => t.id)).toContain(ticketId);
  });

  it('refuses cookie writes without X-Requested-With: desk (403 auth.csrf), accepts them with it', async () => {
    const body = { author: 'agent', visibility: 'internal', body: 'checking the warehouse' };
    const bare = await h.http.post(`/v1/tickets/${ticketId}/messages`).set('cookie', cookie).send(body);
    expect(bare.status).toBe(403);
    expect(bare.headers['content-type']).toContain('application/problem+json');
    expect(bare.body.code).toBe('auth.csrf');
    const wrongValue = await h.http.patch(`/v1/tickets/${ticketId}`).set('cookie', cookie).set('x-requested-with', 'XMLHttpRequest').send({ priority: 'high' });
    expect(wrongValue.status).toBe(403);

    const ok = await h.http.post(`/v1/tickets/${ticketId}/messages`).set('cookie', cookie).set('x-requested-with', 'desk').send(body);
    expect(ok.status).toBe(201);
    // The acting agent comes from the session.
    expect(ok.body.message).toMatchObject({ author: 'agent', visibility: 'internal', agentId: agent.id });
    const events = (await h.http.get(`/v1/tickets/${ticketId}/events`).set(h.auth)).body.data as { type: string; actor: { type: string; id: string } }[];
    expect(events.find((e) => e.type === 'message.created' && e.actor.type === 'agent')?.actor.id).toBe(agent.id);
  });

  it('grants scopes by role: an agent cannot create agents or read reports, an admin can', async () => {
    const denied = await h.http.post('/v1/agents').set('cookie', cookie).set('x-requested-with', 'desk').send({ name: 'x', email: 'x@example.com', password: PASSWORD });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('auth.forbidden');
    const admin = await createAgent('admin');
    const { cookie: adminCookie } = await signIn(admin.email);
    const allowed = await h.http.post('/v1/agents').set('cookie', adminCookie).set('x-requested-with', 'desk').send({ name: 'New', email: `new-${randomBytes(3).toString('hex')}@example.com`, password: PASSWORD });
    expect(allowed.status).toBe(201);
  });

  it('a Bearer key wins over the cookie, and keeps working exactly as before', async () => {
    const res = await h.http.post('/v1/agents').set(h.auth).set('cookie', cookie).send({ name: 'By key', email: `key-${randomBytes(3).toString('hex')}@example.com`, password: PASSWORD });
    expect(res.status).toBe(201);
    expect((await h.http.get('/v1/tickets').set('authorization', 'Bearer nope').set('cookie', cookie)).status).toBe(401);
  });

  it('signing out needs the CSRF header, revokes the session at once and clears the cookie', async () => {
    const { cookie: mine } = await signIn(agent.email);
    expect((await h.http.get('/v1/tickets').set('cookie', mine)).status).toBe(200);
    const forged = await h.http.delete('/v1/sessions/current').set('cookie', mine);
    expect(forged.status).toBe(403);
    expect((await h.http.get('/v1/tickets').set('cookie', mine)).status).toBe(200);

    const out = await h.http.delete('/v1/sessions/current').set('cookie', mine).set('x-requested-with', 'desk');
    expect(out.status).toBe(204);
    expect((out.headers['set-cookie'] as unknown as string[])[0]).toMatch(/^desk_session=; .*Max-Age=0/);
    const after = await h.http.get('/v1/tickets').set('cookie', mine);
    expect(after.status).toBe(401);
    expect(after.headers['content-type']).toContain('application/problem+json');
    expect((await h.http.get('/v1/sessions/current').set('cookie', mine)).status).toBe(401);
    // The other session of the same agent is untouched; signing out twice is harmless.
    expect((await h.http.get('/v1/tickets').set('cookie', cookie)).status).toBe(200);
    expect((await h.http.delete('/v1/sessions/current').set('cookie', mine).set('x-requested-with', 'desk')).status).toBe(204);
  });

  it('signing out everywhere ends every session of the agent, and only theirs; needs the cookie and the CSRF header', async () => {
    const someone = await createAgent();
    const other = await createAgent();
    const { cookie: first } = await signIn(someone.email);
    const { cookie: second } = await signIn(someone.email);
    const { cookie: colleague } = await signIn(other.email);
    expect((await h.http.delete('/v1/sessions').set('cookie', first)).status).toBe(403); // no CSRF header
    expect((await h.http.delete('/v1/sessions').set(h.auth).set('x-requested-with', 'desk')).status).toBe(401); // a key has no sessions
    expect((await h.http.get('/v1/tickets').set('cookie', second)).status).toBe(200);

    const out = await h.http.delete('/v1/sessions').set('cookie', first).set('x-requested-with', 'desk');
    expect(out.status).toBe(204);
    expect((out.headers['set-cookie'] as unknown as string[])[0]).toMatch(/^desk_session=; .*Max-Age=0/);
    for (const cookie of [first, second]) expect((await h.http.get('/v1/tickets').set('cookie', cookie)).status).toBe(401);
    expect((await h.http.get('/v1/tickets').set('cookie', colleague)).status).toBe(200);
    // Already signed out: nothing left to end.
    expect((await h.http.delete('/v1/sessions').set('cookie', first).set('x-requested-with', 'desk')).status).toBe(401);
  });
});

describe('the helpdesk page and its files', () => {
  it('serves /desk and /desk/ as HTML with a strict CSP, and versioned assets with long caching', async () => {
    for (const path of ['/desk', '/desk/']) {
      const res = await h.http.get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.text).toContain('<main id="app"');
    }
    const page = (await h.http.get('/desk')).text;
    const script = /src="(\/desk\/assets\/desk\.js\?v=[^"]+)"/.exec(page)![1]!;
    const js = await h.http.get(script);
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.text).not.toContain('innerHTML');
    const css = await h.http.get('/desk/assets/desk.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toBe('no-cache');
    expect((await h.http.get('/desk/assets/desk.css').set('if-none-match', css.headers.etag!)).status).toBe(304);
    const missing = await h.http.get('/desk/assets/..%2Fdesk.routes.ts');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });

  it('answers the page for every deep link (reload, shared link) and 404 for other paths and nested non-files', async () => {
    const page = (await h.http.get('/desk')).text;
    for (const path of ['/desk/tickets/tkt_123', '/desk/customers/cus_9', '/desk/dashboard', '/desk/alerts', '/desk/alerts/']) {
      const res = await h.http.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type'], path).toBe('text/html; charset=utf-8');
      expect(res.text, path).toBe(page);
    }
    for (const path of ['/desk/nope', '/desk/tickets', '/desk/tickets/a/b']) expect((await h.http.get(path)).status, path).toBe(404);
    // Nested folders are served with the same rules; a traversal is no name of a served file.
    const nested = await h.http.get('/desk/assets/strings/en.js');
    expect(nested.status).toBe(200);
    expect(nested.headers['cache-control']).toBe('no-cache');
    for (const name of ['strings/%2E%2E/desk.js', 'strings', 'pages/']) expect((await h.http.get(`/desk/assets/${name}`)).status, name).not.toBe(200);
  });

  it('keeps the pages out of the OpenAPI document', async () => {
    const document = h.app.swagger() as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths).some((p) => p.startsWith('/desk'))).toBe(false);
    expect(document.paths['/v1/sessions']).toBeDefined();
  });
});

describe('sign-in limits of one address (per account: test/modules/auth/sign-in-lockout.test.ts)', () => {
  it('answer 429 problem+json with Retry-After after 30 failures across accounts, and past 60 attempts a minute', async () => {
    const attempt = (i: number) => h.http.post('/v1/sessions').send({ email: `nobody-${i}@example.com`, password: 'guess' });
    // Earlier tests of this file failed a few times from this address already.
    let budget = await attempt(0);
    let failures = 0;
    for (let i = 1; budget.status === 401 && i <= 30; i++, failures++) budget = await attempt(i);
    expect(failures).toBeGreaterThan(20);
    expect(budget.status).toBe(429);
    expect(budget.headers['content-type']).toContain('application/problem+json');
    expect(budget.body.code).toBe('auth.too_many_attempts');
    expect(Number(budget.headers['retry-after'])).toBeGreaterThan(0);
    let flood = budget;
    for (let i = 31; i < 80 && flood.body.code !== 'request.too_many_requests'; i++) flood = await attempt(i);
    expect(flood.status).toBe(429);
    expect(flood.body.code).toBe('request.too_many_requests');
  });
});
