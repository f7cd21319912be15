import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const freshPhone = () => `+86 139${String(Date.now()).slice(-8)}`;

async function keyWith(...scopes: string[]) {
  const created = await h.http.post('/v1/api-keys').set(h.auth).send({ name: scopes.join(' '), scopes }).expect(201);
  return { authorization: `Bearer ${created.body.secret}` };
}

describe('POST /v1/customers', () => {
  it('refuses a phone that normalises to nothing usable, with the path, never a 500', async () => {
    for (const phone of ['P-1D', '-', 'PT1H', 'NaN', '1e400', '١٢٣٤٥٦٧٨', '12', '+', '1'.repeat(21)]) {
      const res = await h.http.post('/v1/customers').set(h.auth).send({ phone });
      expect(res.status, phone).toBe(400);
      expect(res.headers['content-type'], phone).toContain('application/problem+json');
      expect(res.body.errors, phone).toContainEqual(expect.objectContaining({ path: 'body.phone' }));
    }
  });

  it('stores a full-width phone as ASCII digits', async () => {
    const res = await h.http.post('/v1/customers').set(h.auth).send({ name: '李四', phone: '＋８６ １３８００１３８０００' });
    expect(res.status).toBe(201);
    expect(res.body.phone).toBe('+8613800138000');
    expect(res.body.identities).toEqual([expect.objectContaining({ kind: 'phone', value: '+8613800138000' })]);
  });

  it('answers an email or phone already on file with 409 and only the existing id', async () => {
    const phone = freshPhone();
    const email = `known.${Date.now()}@example.com`;
    const existing = await h.http.post('/v1/customers').set(h.auth).send({ name: '王秘密', email, phone });
    expect(existing.status).toBe(201);
    const writer = await keyWith('customers:write');
    expect((await h.http.get('/v1/customers').set(writer)).status).toBe(403);

    for (const body of [{ phone }, { phone: phone.replace(/ /g, '-') }, { email: email.toUpperCase() }, { name: 'x', phone: freshPhone(), email }]) {
      const res = await h.http.post('/v1/customers').set(writer).send(body);
      expect(res.status, JSON.stringify(body)).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ code: 'customers.exists', existingId: existing.body.id });
      const text = JSON.stringify(res.body);
      for (const secret of ['王秘密', email, phone.replace(/ /g, '')]) expect(text).not.toContain(secret);
    }
  });

  it('creates one customer when the same new phone is entered twice at once', async () => {
    const phone = freshPhone();
    const results = await Promise.all([1, 2, 3].map(() => h.http.post('/v1/customers').set(h.auth).send({ phone })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('refuses unknown fields with their paths', async () => {
    const res = await h.http.post('/v1/customers').set(h.auth).send({ name: 'x', nickname: 'y' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'body.nickname', message: 'unknown field' }]);
  });
});

describe('PATCH /v1/customers/{id}', () => {
  it('refuses a phone with no digits instead of storing an empty one', async () => {
    const created = await h.http.post('/v1/customers').set(h.auth).send({ phone: freshPhone() });
    const res = await h.http.patch(`/v1/customers/${created.body.id}`).set(h.auth).send({ phone: '-' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: 'body.phone' }));
    const stored = await h.http.get(`/v1/customers/${created.body.id}`).set(h.auth);
    expect(stored.body.phone).toBe(created.body.phone);
  });
});
