import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../support/harness.ts';

/**
 * The bootstrap admin key across restarts. Each `bootstrap(...)` call is what a start-up does with
 * that ADMIN_API_KEY (or none). The harness's own admin key is the first ADMIN_API_KEY; this file
 * keeps a key made through the API to act as the operator across those "restarts".
 */
let h: Harness;
let operator: { authorization: string };

const envKey = () => `env-admin-${randomBytes(24).toString('hex')}`;
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
const works = async (secret: string) => (await h.http.get('/v1/api-keys').set(bearer(secret))).status === 200;
const restart = (adminApiKey: string | undefined) => h.container.credentials.apiKeys.bootstrap(adminApiKey);

async function keyRow(secret: string) {
  const list = (await h.http.get('/v1/api-keys?limit=200').set(operator)).body.data as { id: string; hint: string; name: string; revokedAt: string | null }[];
  return list.find((k) => k.hint === `…${secret.slice(-4)}`);
}

beforeAll(async () => {
  h = await createHarness();
  const created = await h.http.post('/v1/api-keys').set(h.auth).send({ name: 'operator', scopes: ['admin'] });
  operator = bearer(created.body.secret);
});
afterAll(() => h.close());

describe('the bootstrap admin key', () => {
  it('shows a short hint that gives away no more than its last 4 characters', async () => {
    const row = await keyRow(h.adminKey);
    expect(row).toBeDefined();
    expect(row!.hint).toBe(`…${h.adminKey.slice(-4)}`);
    expect(row!.hint).not.toContain(h.adminKey.slice(0, 7));
    const created = await h.http.post('/v1/api-keys').set(operator).send({ name: 'another', scopes: ['tickets:read'] });
    expect(created.body.apiKey.hint).toBe(`…${(created.body.secret as string).slice(-4)}`);
  });

  it('a revoked ADMIN_API_KEY stays revoked at every later start with the same value', async () => {
    const secret = envKey();
    await restart(secret);
    expect(await works(secret)).toBe(true);
    const row = await keyRow(secret);
    await h.http.delete(`/v1/api-keys/${row!.id}`).set(operator).expect(200);
    expect(await works(secret)).toBe(false);
    const again = await restart(secret);
    expect(again.envKeyRevoked).toBe(true);
    expect(await works(secret)).toBe(false);
    expect(await works(secret)).toBe(false);
  });

  it('a new ADMIN_API_KEY replaces the previous one, which stops working', async () => {
    const previous = envKey();
    const next = envKey();
    await restart(previous);
    expect(await works(previous)).toBe(true);
    await restart(next);
    expect(await works(next)).toBe(true);
    expect(await works(previous)).toBe(false);
    expect((await keyRow(previous))!.revokedAt).not.toBeNull();
  });

  it('removing ADMIN_API_KEY revokes it at the next start; the generated key is printed once and stays until revoked', async () => {
    const secret = envKey();
    await restart(secret);
    const first = await restart(undefined);
    expect(await works(secret)).toBe(false);
    expect(first.generated).toMatch(/^tk_/);
    expect(await works(first.generated!)).toBe(true);
    const second = await restart(undefined);
    expect(second.generated).toBeNull();
    expect(await works(first.generated!)).toBe(true);
    // Setting ADMIN_API_KEY later does not touch the generated key: it was never from the environment.
    await restart(envKey());
    expect(await works(first.generated!)).toBe(true);
    // Revoked, it is not generated again: the operator sets ADMIN_API_KEY to get back in.
    const generatedRow = await keyRow(first.generated!);
    await h.http.delete(`/v1/api-keys/${generatedRow!.id}`).set(operator).expect(200);
    expect((await restart(undefined)).generated).toBeNull();
    expect(await works(first.generated!)).toBe(false);
  });

  it('the harness\'s first ADMIN_API_KEY went the way of every replaced env key', async () => {
    expect(await works(h.adminKey)).toBe(false);
    expect(await works(operator.authorization.slice('Bearer '.length))).toBe(true);
  });
});
