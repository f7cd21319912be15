import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';
import { startReceiver, type Receiver } from '../../support/webhook-receiver.ts';
import { systemLookupAll } from '../../../src/modules/webhooks/guarded-lookup.ts';

/**
 * Without WEBHOOK_ALLOWED_HOSTS, nothing private is reachable: refused at registration (422
 * naming body.url) and again at connect time, after DNS, so a name that changes its answer
 * (DNS rebinding) or a row that points inside reaches nothing. The DNS here is the system's, except
 * for names under `.rebind.test`, which answer what the test says.
 */
let h: Harness;
let receiver: Receiver;
let rebindTo = '93.184.215.14';
const lookupAll = async (host: string): Promise<LookupAddress[]> => (host.endsWith('.rebind.test') ? [{ address: rebindTo, family: 4 }] : systemLookupAll(host));

beforeAll(async () => {
  h = await createHarness({ webhooks: { lookupAll } });
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await h?.close();
});

async function refused(url: string) {
  const res = await h.http.post('/v1/webhooks').set(h.auth).send({ url, events: ['*'] });
  expect(res.status, res.text).toBe(422);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.body.code).toBe('webhooks.url_refused');
  expect(res.body.errors).toEqual([{ path: 'body.url', message: expect.any(String) }]);
  return res.body.errors[0].message as string;
}

describe('at registration', () => {
  it('refuses loopback without the allow-list', async () => {
    expect(await refused(`${receiver.url}/hooks`)).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(await refused('https://[::1]/hooks')).toMatch(/loopback/);
  });

  it('refuses the cloud metadata address', async () => {
    expect(await refused('http://169.254.169.254/latest/meta-data/')).toMatch(/link-local/);
    expect(await refused('https://[fd00:ec2::254]/')).toMatch(/private/);
  });

  it('refuses a name that resolves to a private address (localhost, by the system DNS)', async () => {
    expect(await refused('https://localhost/hooks')).toMatch(/localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
  });

  it('refuses plain http and credentials for public hosts; takes https', async () => {
    expect(await refused('http://93.184.215.14/hooks')).toMatch(/https/);
    expect(await refused('https://user:secret@93.184.215.14/hooks')).toMatch(/user name or password/);
    const res = await h.http.post('/v1/webhooks').set(h.auth).send({ url: 'https://93.184.215.14/hooks', events: ['*'] });
    expect(res.status, res.text).toBe(201);
    await h.http.delete(`/v1/webhooks/${res.body.id}`).set(h.auth).expect(204);
  });
});

describe('at connect time', () => {
  async function attemptEvents(endpointId: string) {
    const { body } = await h.http.post('/v1/inquiries').set(h.auth).send(inquiry());
    expect(body.ticket.id).toBeTruthy();
    await h.drainEvents();
    const log = (await h.http.get(`/v1/webhooks/${endpointId}/deliveries`).set(h.auth)).body.data as { id: string; eventType: string }[];
    const first = log[log.length - 1]!;
    expect((await h.container.webhooks.runner().attempt(first.id)).outcome).toBe('retrying');
    return (await h.http.get(`/v1/webhooks/${endpointId}/deliveries`).set(h.auth)).body.data.find((d: { id: string }) => d.id === first.id);
  }

  it('refuses a name that resolved to a public address at registration and to a private one now (DNS rebinding)', async () => {
    rebindTo = '93.184.215.14';
    const created = await h.http.post('/v1/webhooks').set(h.auth).send({ url: 'https://hooks.rebind.test/in', events: ['ticket.created'] });
    expect(created.status, created.text).toBe(201);
    rebindTo = '169.254.169.254';
    const delivery = await attemptEvents(created.body.id);
    expect(delivery).toMatchObject({ status: 'pending', statusCode: null, error: 'refused to connect: hooks.rebind.test resolves to 169.254.169.254, a link-local address (where cloud metadata services live)' });
    await h.http.delete(`/v1/webhooks/${created.body.id}`).set(h.auth).expect(204);

    // The same with a live listener behind the new answer: no connection is made to it.
    rebindTo = '93.184.215.14';
    const port = new URL(receiver.url).port;
    const live = await h.http.post('/v1/webhooks').set(h.auth).send({ url: `https://live.rebind.test:${port}/in`, events: ['ticket.created'] });
    expect(live.status, live.text).toBe(201);
    rebindTo = '127.0.0.1';
    expect(await attemptEvents(live.body.id)).toMatchObject({ statusCode: null, error: 'refused to connect: live.rebind.test resolves to 127.0.0.1, a loopback address' });
    expect(receiver.received).toHaveLength(0);
    await h.http.delete(`/v1/webhooks/${live.body.id}`).set(h.auth).expect(204);
  });

  it('refuses an endpoint whose row points inside (registered under an allow-list since removed): the receiver gets nothing', async () => {
    const created = await h.http.post('/v1/webhooks').set(h.auth).send({ url: 'https://93.184.215.14/in', events: ['ticket.created'] });
    expect(created.status).toBe(201);
    await h.container.db.pool.query('UPDATE webhook_endpoints SET url = $1 WHERE id = $2', [`${receiver.url}/hooks`, created.body.id]);
    const delivery = await attemptEvents(created.body.id);
    expect(delivery).toMatchObject({ status: 'pending', statusCode: null, error: 'refused to connect: 127.0.0.1 is a loopback address' });
    expect(receiver.received).toHaveLength(0);
    await h.http.delete(`/v1/webhooks/${created.body.id}`).set(h.auth).expect(204);
  });
});
