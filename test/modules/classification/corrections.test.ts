import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('classification in intake, POST /v1/classify and agents\' corrections', () => {
  it('classifies on intake: the ticket\'s type starts as the model\'s, with a ticket.classified event', async () => {
    const res = await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ body: '快递员态度很差，包裹还被摔坏了，我要投诉！' }));
    expect(res.status).toBe(201);
    const { ticket } = res.body;
    expect(ticket.classification).toMatchObject({ type: 'complaint', language: 'zh-Hans' });
    expect(ticket.type).toBe(ticket.classification.type);
    const events = await h.http.get(`/v1/tickets/${ticket.id}/events`).set(h.auth);
    expect(events.body.data.map((e: { type: string }) => e.type)).toContain('ticket.classified');
  });

  it('serves classification to other services without storing anything', async () => {
    const res = await h.http.post('/v1/classify').set(h.auth).send({ text: 'Could you please add a dark mode to the app?' });
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('suggestion');
    expect(res.body.scores.question + res.body.scores.complaint + res.body.scores.suggestion).toBeCloseTo(1, 2);
    expect((await h.http.post('/v1/classify').set(h.auth).send({ text: '' })).status).toBe(400);
  });

  it('keeps the model\'s answer when an agent changes the type, and reports model vs agents', async () => {
    const from = new Date(Date.now() - 60_000).toISOString();
    const a = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ body: '请问你们的门店周末几点开门？' }))).body.ticket;
    const b = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ body: 'How do I change the delivery address on my order?' }))).body.ticket;
    expect(a.classification.type).toBe('question');
    // Whatever the model said, the agent disagrees.
    const agentType = b.classification.type === 'suggestion' ? 'complaint' : 'suggestion';
    const patched = await h.http.patch(`/v1/tickets/${b.id}`).set(h.auth).send({ type: agentType });
    expect(patched.body.type).toBe(agentType);
    expect(patched.body.classification.type).toBe(b.classification.type);

    await h.drainEvents(); // reports answer from the facts the relay keeps
    const report = await h.http.get(`/v1/reports/classification?from=${encodeURIComponent(from)}`).set(h.auth);
    expect(report.status).toBe(200);
    expect(report.body.classified).toBeGreaterThanOrEqual(2);
    expect(report.body.corrected).toBe(1);
    expect(report.body.confusion[agentType][b.classification.type]).toBeGreaterThanOrEqual(1);
    expect(report.body.agreementRate).toBeLessThan(1);

    const exported = await h.http.get(`/v1/exports/classification-corrections?from=${encodeURIComponent(from)}`).set(h.auth);
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toContain('application/x-ndjson');
    const lines = exported.text.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ ticketId: b.id, modelType: b.classification.type, agentType });
    expect(lines[0].text).toContain('delivery address');
  });
});

describe('the review queue: GET /v1/tickets?needsReview=', () => {
  it('lists the tickets the model was unsure of until an agent changes their type', async () => {
    const customer = { externalId: `review-${Date.now()}`, name: '审核 客户' };
    const texts = ['嗯', 'ok', '？？', '请问你们的门店周末几点开门？', '快递员态度很差，包裹还被摔坏了，我要投诉！'];
    const tickets = [];
    for (const body of texts) tickets.push((await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ body, customer }))).body.ticket);
    const flagged = tickets.filter((t) => t.classification.needsReview);
    const sure = tickets.filter((t) => !t.classification.needsReview);
    expect(flagged.length).toBeGreaterThan(0);
    expect(sure.length).toBeGreaterThan(0);
    const customerId = tickets[0].customerId;
    expect(new Set(tickets.map((t) => t.customerId))).toEqual(new Set([customerId]));
    const ids = async (needsReview: string) =>
      ((await h.http.get(`/v1/tickets?customerId=${customerId}&needsReview=${needsReview}`).set(h.auth).expect(200)).body.data as { id: string }[]).map((t) => t.id).sort();
    expect(await ids('true')).toEqual(flagged.map((t) => t.id).sort());
    expect(await ids('false')).toEqual(sure.map((t) => t.id).sort());

    const corrected = flagged[0];
    await h.http.patch(`/v1/tickets/${corrected.id}`).set(h.auth).send({ type: corrected.type === 'complaint' ? 'question' : 'complaint' }).expect(200);
    expect(await ids('true')).not.toContain(corrected.id);
    expect(await ids('false')).toContain(corrected.id);
    const correctedNow = (await h.http.get(`/v1/tickets/${corrected.id}`).set(h.auth).expect(200)).body;
    expect(correctedNow.typeReviewedAt).not.toBeNull();
    expect(corrected.tags).toContain('needs-review');
    expect(correctedNow.tags).not.toContain('needs-review'); // out of the review queue too
    expect((await h.http.get('/v1/tickets?needsReview=maybe').set(h.auth)).status).toBe(400);
  });

  it('lets a person confirm the type as it stands: the ticket leaves the list, once, with a timeline event and no correction', async () => {
    const customer = { externalId: `confirm-${Date.now()}` };
    const ticket = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ body: '嗯', customer })).expect(201)).body.ticket;
    expect(ticket.classification.needsReview).toBe(true);
    expect(ticket.typeReviewedAt).toBeNull();
    expect(ticket.tags).toContain('needs-review'); // the default rule's review queue
    const inList = async () =>
      ((await h.http.get(`/v1/tickets?customerId=${ticket.customerId}&needsReview=true`).set(h.auth).expect(200)).body.data as { id: string }[]).map((t) => t.id);
    expect(await inList()).toEqual([ticket.id]);

    // A stale If-Match is refused; the version read confirms.
    const stale = await h.http.post(`/v1/tickets/${ticket.id}/classification/confirm`).set(h.auth).set('if-match', `"${ticket.version + 5}"`);
    expect(stale.status).toBe(412);
    const confirmed = await h.http.post(`/v1/tickets/${ticket.id}/classification/confirm`).set(h.auth).set('if-match', `"${ticket.version}"`).expect(200);
    expect(confirmed.body.type).toBe(ticket.type);
    expect(confirmed.body.classification).toEqual(ticket.classification); // the model's view never changes
    expect(Date.parse(confirmed.body.typeReviewedAt)).not.toBeNaN();
    expect(confirmed.body.version).toBe(ticket.version + 2); // the confirmation, then the review tag's removal
    expect(confirmed.body.tags).not.toContain('needs-review');
    expect(confirmed.headers.etag).toBe(`"${ticket.version + 2}"`);
    expect(await inList()).toEqual([]);

    // A later change that runs the routing rules again does not send it back to review.
    const tagged = await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ tags: ['vip'] }).expect(200);
    expect(tagged.body.tags).toEqual(['vip']);

    // Once: a repeat answers the ticket as it is.
    const again = await h.http.post(`/v1/tickets/${ticket.id}/classification/confirm`).set(h.auth).expect(200);
    expect(again.body).toMatchObject({ version: tagged.body.version, typeReviewedAt: confirmed.body.typeReviewedAt });

    const events = (await h.http.get(`/v1/tickets/${ticket.id}/events`).set(h.auth).expect(200)).body.data as { type: string; data: { cause?: string; changes?: object } }[];
    const confirmations = events.filter((e) => e.type === 'ticket.updated' && e.data.cause === 'classification.confirmed');
    expect(confirmations).toHaveLength(1);
    expect(Object.keys(confirmations[0]!.data.changes!)).toEqual(['typeReviewedAt']);
    // The review tag went as a change of tags, with its own event.
    expect(events.filter((e) => e.type === 'ticket.updated').map((e) => e.data.changes)).toContainEqual({ tags: { from: ['needs-review'], to: [] } });
    const corrections = await h.container.db.pool.query('SELECT 1 FROM classification_corrections WHERE ticket_id = $1', [ticket.id]);
    expect(corrections.rowCount).toBe(0);

    // A ticket the model never classified has nothing to confirm; an unknown one is 404.
    const { body: byHand } = await h.http.post('/v1/tickets').set(h.auth).send({ subject: '电话记录', body: '客户来电', customer: { name: '王五', email: `wangwu-${Date.now()}@example.cn` }, author: 'agent' }).expect(201);
    const refused = await h.http.post(`/v1/tickets/${byHand.ticket.id}/classification/confirm`).set(h.auth);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.code).toBe('tickets.not_classified');
    expect((await h.http.post('/v1/tickets/tkt_nope/classification/confirm').set(h.auth)).status).toBe(404);
  });
});
