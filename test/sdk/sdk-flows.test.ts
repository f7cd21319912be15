import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.ts';
import { inquiry } from '../support/factories.ts';
import { createTicketingClient, each, isProblem, type InquiryOpened, type TicketingApi } from '../../openapi/sdk/src/index.ts';

/**
 * The SDK against the real service listening on loopback, as an internal service uses it: intake,
 * a filtered list, a reply, solving, the survey, an SLA policy; plus its typed problems and pages.
 */
let h: Harness;
let api: TicketingApi;
let baseUrl: string;

beforeAll(async () => {
  h = await createHarness();
  await h.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = h.app.server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  api = createTicketingClient({ baseUrl, apiKey: h.adminKey, headers: { 'user-agent': 'sdk-test' } });
});
afterAll(() => h?.close());

async function intake(overrides = {}): Promise<InquiryOpened> {
  const { data } = await api.createInquiry({ body: inquiry(overrides) });
  if (data.outcome !== 'opened') throw new Error(`expected a new ticket, got ${data.outcome}`);
  return data;
}

describe('the SDK against the service', () => {
  it('takes in an inquiry: 201 opened, the redelivery 200 duplicate, told apart by `outcome`', async () => {
    const body = inquiry({ channel: 'wechat', threadId: `t-${randomUUID()}` });
    const first = await api.createInquiry({ body });
    expect(first.response.status).toBe(201);
    expect(first.data).toMatchObject({ outcome: 'opened', ticket: { channel: 'wechat', status: 'new' } });
    const again = await api.createInquiry({ body });
    expect(again.response.status).toBe(200);
    expect(again.data.outcome).toBe('duplicate');
    expect(again.data.ticket.id).toBe(first.data.ticket.id);
  });

  it('lists with array filters (sent comma-separated) and walks every page', async () => {
    const tag = `sdk-${randomUUID().slice(0, 8)}`;
    const opened = await Promise.all([1, 2, 3].map(() => intake({ channel: 'douyin' })));
    for (const { ticket } of opened) await api.updateTicket({ path: { id: ticket.id }, body: { tags: [tag], priority: 'high' } });

    const { data: page, request } = await api.listTickets({ query: { status: ['new', 'open'], channel: ['douyin'], priority: ['high', 'urgent'], tag } });
    expect(new URL(request.url).searchParams.get('status')).toBe('new,open');
    expect(page.data.map((t) => t.id).sort()).toEqual(opened.map((o) => o.ticket.id).sort());

    const walked: string[] = [];
    for await (const ticket of each((cursor) => api.listTickets({ query: { tag, limit: 1, cursor } }))) walked.push(ticket.id);
    expect(walked.sort()).toEqual(opened.map((o) => o.ticket.id).sort());
  });

  it('replies, solves with If-Match from the ETag, and reads the survey it schedules', async () => {
    const { ticket } = await intake();
    const reply = await api.createTicketMessage({ path: { id: ticket.id }, body: { author: 'agent', body: '已为您催促仓库发货' } });
    expect(reply.data.message).toMatchObject({ author: 'agent', visibility: 'public' });
    expect(reply.data.ticket.status).toBe('open'); // the first public reply opens a new ticket

    const read = await api.getTicket({ path: { id: ticket.id } });
    const etag = read.response.headers.get('etag')!;
    expect(etag).toBe(`"${read.data.version}"`);
    const solved = await api.updateTicket({ path: { id: ticket.id }, headers: { 'if-match': etag }, body: { status: 'solved' } });
    expect(solved.data.status).toBe('solved');

    await h.drainEvents(); // the survey follows the ticket through the event relay
    const { data: survey } = await api.getTicketSurvey({ path: { id: ticket.id } });
    expect(survey).toMatchObject({ status: 'scheduled', rating: null });
  });

  it('creates an SLA policy', async () => {
    const { data: policy, response } = await api.createSlaPolicy({
      body: { name: `SDK VIP ${randomUUID().slice(0, 8)}`, position: 1, conditions: { tags: ['vip'] }, targets: [{ metric: 'first_response', within: 'PT30M' }] },
    });
    expect(response.status).toBe(201);
    expect(policy).toMatchObject({ position: 1, targets: [expect.objectContaining({ metric: 'first_response', within: 'PT30M' })] });
  });

  it('sends an Idempotency-Key on every write: a retried call with the same key replays, a new call gets its own', async () => {
    const key = `sdk-${randomUUID()}`;
    const body = inquiry();
    const first = await api.createInquiry({ body, headers: { 'idempotency-key': key } });
    const replay = await api.createInquiry({ body, headers: { 'idempotency-key': key } });
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.response.status).toBe(201);
    expect(replay.data).toEqual(first.data);
    const generated = await api.createCustomer({ body: { name: '小李', email: `${randomUUID()}@example.com` } });
    expect(generated.request.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('throws typed problems: status, code, field paths, request id', async () => {
    const missing = await api.getTicket({ path: { id: 'tkt_nonexistent' } }).catch((error: unknown) => error);
    expect(isProblem(missing, 'tickets.not_found')).toBe(true);
    if (!isProblem(missing)) throw missing;
    expect(missing.status).toBe(404);
    expect(missing.requestId).toBeTruthy();

    const invalid = await api.createInquiry({ body: { ...inquiry(), customer: { email: 'not an email' } } }).catch((error: unknown) => error);
    if (!isProblem(invalid, 'request.validation')) throw invalid;
    expect(invalid.status).toBe(400);
    expect([...invalid.fieldErrors.keys()]).toContain('body.customer.email');

    const wrongKey = createTicketingClient({ baseUrl, apiKey: 'tk_wrong', retry: false });
    await expect(wrongKey.listTickets()).rejects.toMatchObject({ status: 401, code: 'auth.unauthorized' });
  });
});
