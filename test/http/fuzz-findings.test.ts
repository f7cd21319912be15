import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.ts';
import { inquiry } from '../support/factories.ts';
import { operationsOf, resolveSchema, type JsonSchema, type OpenApiDocument } from '../support/openapi/json-schema.ts';

/** Plain examples of what the OpenAPI fuzzer (openapi-fuzz.test.ts) found, each fixed where it arose. */
let h: Harness;
let document: OpenApiDocument;
beforeAll(async () => {
  h = await createHarness();
  document = (await h.http.get('/openapi.json').expect(200)).body as OpenApiDocument;
});
afterAll(() => h.close());

const paths = (res: { body: { errors?: { path: string }[] } }) => (res.body.errors ?? []).map((e) => e.path);
const queryParameter = (path: string, name: string) => document.paths[path]!.get!.parameters!.find((p) => p.name === name)!.schema;

describe('comma-separated query lists', () => {
  it('are documented as arrays of their words sent comma-separated, and name the parameter when one is wrong', async () => {
    const parameter = document.paths['/v1/tickets']!.get!.parameters!.find((p) => p.name === 'status')!;
    expect(parameter).toMatchObject({ in: 'query', style: 'form', explode: false, schema: { type: 'array', minItems: 1 } });
    const items = resolveSchema(document, parameter.schema.items as JsonSchema);
    expect(items.enum).toEqual(['new', 'open', 'pending', 'on_hold', 'solved', 'closed']);

    const res = await h.http.get('/v1/tickets?status=open,archived').set(h.auth);
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(['querystring.status']);
    for (const ok of ['open,pending', '%20new%20,open', 'open,,solved,']) expect((await h.http.get(`/v1/tickets?status=${ok}`).set(h.auth)).status, ok).toBe(200);
    for (const wrong of ['archived', 'OPEN', ',', 'open%20pending']) expect((await h.http.get(`/v1/tickets?status=${wrong}`).set(h.auth)).status, wrong).toBe(400);
  });
});

describe('tags with white space around them', () => {
  it('are trimmed, as the document now allows, on bodies and the tag filter alike', async () => {
    const pattern = new RegExp(queryParameter('/v1/tickets', 'tag').pattern!, 'u');
    expect(pattern.test(' vip ')).toBe(true);
    expect(pattern.test('v i p')).toBe(false);
    const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry()).expect(201)).body;
    const patched = await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ tags: [' VIP ', 'refund\n'] });
    expect(patched.status).toBe(200);
    expect(patched.body.tags).toEqual(['vip', 'refund']);
    const found = await h.http.get('/v1/tickets').query({ tag: 'vip\n' }).set(h.auth).expect(200);
    expect(found.body.data.map((t: { id: string }) => t.id)).toEqual([ticket.id]);
  });
});

describe('Idempotency-Key', () => {
  it('is documented with its 422 wherever an operation takes it', () => {
    const undocumented = operationsOf(document)
      .filter(({ operation }) => operation.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key'))
      .filter(({ operation }) => !operation.responses['422'] || !operation.responses['409'])
      .map(({ key }) => key);
    expect(undocumented).toEqual([]);
  });

  it('is ignored where the document does not offer it: callers sharing a principal never collide', async () => {
    // POST /v1/classify documents no Idempotency-Key: two texts sent with the same key are two answers.
    const first = await h.http.post('/v1/classify').set(h.auth).set('idempotency-key', 'same-key').send({ text: '我要退款，三天还没发货' });
    const second = await h.http.post('/v1/classify').set(h.auth).set('idempotency-key', 'same-key').send({ text: 'Could you add a dark mode?' });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
  });

  it('still replays where it is offered, also on a calendar delete', async () => {
    const calendar = (
      await h.http.post('/v1/business-calendars').set(h.auth).send({ name: 'c', timezone: 'Asia/Shanghai', weekly: { mon: [['09:00', '18:00']] } }).expect(201)
    ).body as { id: string };
    const first = await h.http.delete(`/v1/business-calendars/${calendar.id}`).set(h.auth).set('idempotency-key', `del-${calendar.id}`);
    expect(first.status).toBe(204);
    const replay = await h.http.delete(`/v1/business-calendars/${calendar.id}`).set(h.auth).set('idempotency-key', `del-${calendar.id}`);
    expect(replay.status).toBe(204);
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });
});

describe("the survey page's form", () => {
  it('documents the form it reads and the page it answers to another media type', async () => {
    const operation = document.paths['/survey/{token}']!.post!;
    expect(Object.keys(operation.requestBody!.content)).toEqual(['application/x-www-form-urlencoded', 'application/json']);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['413', '415']));
    const res = await h.http.post('/survey/srv_0000000000.abcdefghijklmnop').set('content-type', 'application/xml').send('<rating>5</rating>');
    expect(res.status).toBe(415);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
  });
});
