import { STREAM_PATHS, untilFirstBytes } from '../support/event-stream.ts';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.ts';
import { ROLE_SCOPES, SCOPES } from '../../src/modules/auth/scopes.ts';
import { AUTHORIZATION, type Rule } from './authorization-matrix.ts';

/**
 * Every route × every kind of caller against the one table in authorization-matrix.ts: no
 * credentials, an API key per scope, and a helpdesk session per role (cookie + CSRF header). The
 * point is the auth layer: an authorized call may still answer 400 (an empty body), 404 (a made-up
 * id) or 422, but never 401/403; anyone else gets 401 or 403 problem+json; nobody a 5xx.
 */
let h: Harness;

type Operation = { method: string; path: string; rule: Rule };
type Caller = { name: string; scopes: readonly string[] | null; desk: boolean; headers: Record<string, string> };
type Expected = 'authorized' | 'unauthenticated' | 'forbidden';

const PASSWORD = 'correct horse battery';
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** `/v1/tickets/:id` → `/v1/tickets/{id}`, the OpenAPI spelling the table uses. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** Ids that exist nowhere, shaped so that they pass the parameter schemas and reach the handler. */
const concretePath = (path: string) =>
  path
    .replace('{id}', 'id_nonexistent')
    .replace('{deliveryId}', 'dlv_nonexistent')
    .replace('{token}', 'token_nonexistent')
    .replace('{name}', 'nonexistent.js')
    .replace('*', 'nonexistent');

const operations: Operation[] = Object.entries(AUTHORIZATION).map(([key, rule]) => {
  const [method, path] = key.split(' ') as [string, string];
  return { method, path, rule };
});

/** What the table says should happen; `admin` implies every scope. */
function expectedFor(rule: Rule, { scopes, desk }: Pick<Caller, 'scopes' | 'desk'>): Expected {
  if (rule === 'public') return 'authorized';
  if (rule === 'session') return desk ? 'authorized' : 'unauthenticated';
  if (scopes === null) return 'unauthenticated';
  return scopes.includes('admin') || scopes.includes(rule) ? 'authorized' : 'forbidden';
}

/** Runs `work` over `items` with at most `limit` in flight: fast, without flooding the pool. */
async function withConcurrency<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: limit }, lane));
}

async function keyWith(scope: string): Promise<string> {
  const res = await h.http.post('/v1/api-keys').set(h.auth).send({ name: `matrix ${scope}`, scopes: [scope] });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.secret as string;
}

async function sessionAs(role: keyof typeof ROLE_SCOPES): Promise<string> {
  const email = `matrix-${role}-${randomBytes(4).toString('hex')}@example.com`;
  await h.http.post('/v1/agents').set(h.auth).send({ name: `Matrix ${role}`, email, role, password: PASSWORD }).expect(201);
  const res = await h.http.post('/v1/sessions').send({ email, password: PASSWORD }).expect(201);
  const line = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('desk_session='))!;
  return line.split(';')[0]!;
}

beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('the authorization table', () => {
  it('lists every route the app serves, with the scope its config enforces, and nothing else', () => {
    const served = new Map<string, string>();
    const heads: { key: string; scope: string }[] = [];
    for (const route of h.app.routeAccess) {
      const key = `${route.method} ${openApiPath(route.url)}`;
      const scope = route.scope ?? 'no scope';
      if (route.method === 'HEAD') heads.push({ key: key.replace(/^HEAD/, 'GET'), scope });
      else served.set(key, scope);
    }
    const unlisted = [...served.keys()].filter((key) => !(key in AUTHORIZATION));
    const gone = Object.keys(AUTHORIZATION).filter((key) => !served.has(key));
    expect(unlisted, 'routes without a rule: add them to test/http/authorization-matrix.ts').toEqual([]);
    expect(gone, 'rules for routes that no longer exist').toEqual([]);
    // `public` and `session` routes declare no scope (a session route checks its cookie itself: the matrix below proves it).
    const declared = Object.fromEntries(Object.entries(AUTHORIZATION).map(([key, rule]) => [key, rule === 'public' || rule === 'session' ? 'no scope' : rule]));
    expect(Object.fromEntries(served)).toEqual(declared);
    // HEAD is answered by the GET handler: it must not be guarded differently.
    for (const head of heads) expect(head.scope, `HEAD of ${head.key}`).toBe(served.get(head.key));
  });

  it('is what the OpenAPI document tells clients: `security` names the scope of every guarded operation, `[]` on public ones', async () => {
    const res = await h.http.get('/openapi.json').expect(200);
    const paths = res.body.paths as Record<string, Record<string, { security?: Record<string, string[]>[]; description?: string }>>;
    const documented = Object.entries(paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })));
    expect(documented.length).toBeGreaterThan(40);
    for (const { key, op } of documented) {
      expect(key in AUTHORIZATION, `${key} has a rule in test/http/authorization-matrix.ts`).toBe(true);
      const rule = AUTHORIZATION[key]!;
      if (rule === 'public') {
        // `[]`, or a cookie that is optional (`{}` among the alternatives: signing out without a session).
        const optional = op.security?.length === 0 || op.security?.some((requirement) => Object.keys(requirement).length === 0);
        expect(optional, `${key} needs no credentials: \`security: []\``).toBe(true);
        expect(JSON.stringify(op.security), key).not.toContain('apiKey');
      } else if (rule === 'session') {
        // The helpdesk cookie, never a key (an alternative `{}` marks it optional).
        expect(op.security, key).toContainEqual({ deskSession: [] });
        expect(JSON.stringify(op.security), key).not.toContain('apiKey');
      } else {
        // A key with the scope, or the helpdesk cookie of an agent whose role holds it.
        expect(op.security, key).toEqual([{ apiKey: [rule] }, { deskSession: [rule] }]);
        expect(op.description, key).toContain(`Requires the \`${rule}\` scope`);
      }
    }
  });

  it('gives every scope a route, so that no scope is granted for nothing', () => {
    const used = new Set<string>(Object.values(AUTHORIZATION));
    // `surveys:deliver` guards no route: it unlocks the survey link inside ticket reads (survey-token-visibility.test.ts).
    const fieldLevelOnly = new Set(['surveys:deliver']);
    expect(SCOPES.filter((scope) => !used.has(scope) && !fieldLevelOnly.has(scope))).toEqual([]);
  });
});

/** Routes that end the caller's own sessions (the desk callers' cookies stop working after them). */
const ENDS_SESSIONS = new Set(['DELETE /v1/sessions']);

describe('every route × every caller', () => {
  let callers: Caller[];

  beforeAll(async () => {
    const keys = await Promise.all(SCOPES.map(async (scope) => ({ scope, secret: await keyWith(scope) })));
    const roles = Object.keys(ROLE_SCOPES) as (keyof typeof ROLE_SCOPES)[];
    const sessions = await Promise.all(roles.map(async (role) => ({ role, cookie: await sessionAs(role) })));
    callers = [
      { name: 'no credentials', scopes: null, desk: false, headers: {} },
      ...keys.map(({ scope, secret }) => ({ name: `key [${scope}]`, scopes: [scope], desk: false, headers: { authorization: `Bearer ${secret}` } })),
      ...sessions.map(({ role, cookie }) => ({ name: `desk ${role}`, scopes: ROLE_SCOPES[role], desk: true, headers: { cookie, 'x-requested-with': 'desk' } })),
    ];
  });

  it('lets in exactly the callers the table names, 401 / 403 problem+json for the rest, and never a 5xx', async () => {
    // Public routes are called without credentials only: with them, some refuse staff on purpose
    // (survey answers) and signing out would end the sessions the rest of this test uses.
    const cases = operations.flatMap((operation) =>
      (operation.rule === 'public' ? callers.slice(0, 1) : callers).map((caller) => ({ operation, caller })),
    );
    const failures: string[] = [];
    const check = async ({ operation: { method, path, rule }, caller }: (typeof cases)[number]) => {
      const url = concretePath(path);
      const plain = h.http[method.toLowerCase() as 'get'](url).set(caller.headers);
      const request = STREAM_PATHS.has(path) ? untilFirstBytes(plain) : plain;
      const res = await (WRITE_METHODS.has(method) ? request.send({}) : request);
      const expected = expectedFor(rule, caller);
      const got = `${res.status} ${res.body?.code ?? ''}`.trim();
      const fail = (why: string) => void failures.push(`${caller.name} → ${method} ${path} (${rule}): ${got}, ${why}`);
      if (res.status >= 500) return fail('a server error');
      if (expected === 'authorized') {
        if (res.status === 401 || res.status === 403) fail('expected to pass the auth layer');
        return;
      }
      const isProblem = String(res.headers['content-type']).startsWith('application/problem+json');
      // A Bearer challenge where a key would do; the session route asks for a sign-in instead.
      const challenged = rule === 'session' || !!res.headers['www-authenticate'];
      if (expected === 'unauthenticated' && !(res.status === 401 && res.body.code === 'auth.unauthorized' && isProblem && challenged)) {
        return fail('expected 401 auth.unauthorized problem+json (with WWW-Authenticate for a key)');
      }
      if (expected === 'forbidden' && !(res.status === 403 && res.body.code === 'auth.forbidden' && isProblem && String(res.body.detail).includes(`'${rule}'`))) {
        return fail(`expected 403 auth.forbidden naming '${rule}'`);
      }
    };
    // Signing out everywhere ends the caller's sessions: those calls go last, once nothing else needs them.
    const endsSessions = (c: (typeof cases)[number]) => ENDS_SESSIONS.has(`${c.operation.method} ${c.operation.path}`);
    await withConcurrency(cases.filter((c) => !endsSessions(c)), 8, check);
    for (const c of cases.filter(endsSessions)) await check(c);
    expect(failures.sort()).toEqual([]);
    expect(cases.length).toBeGreaterThan(700);
  });
});
