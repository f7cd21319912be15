import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';

let h: Harness;
const PASSWORD = 'correct horse battery';
const unique = () => randomBytes(4).toString('hex');

beforeAll(async () => {
  // More connections than the default 5, so parallel intakes really run their transactions at once.
  h = await createHarness({ databasePoolSize: 16 });
});
afterAll(() => h.close());

async function post(body: string, overrides: Parameters<typeof inquiry>[0] = {}) {
  const res = await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ body, ...overrides }));
  expect(res.status, res.text).toBe(201);
  return res.body.ticket as { id: string; type: string; priority: string; teamId: string | null; assigneeId: string | null; tags: string[]; version: number };
}

async function routedEvents(ticketId: string) {
  const res = await h.http.get(`/v1/tickets/${ticketId}/events`).set(h.auth).expect(200);
  return (res.body.data as { type: string; data: { ruleId: string; trigger: string; actions: { outcome: string }[]; changes: Record<string, unknown> } }[]).filter((e) => e.type === 'ticket.routed');
}

async function team(name = `Team ${unique()}`) {
  return (await h.http.post('/v1/teams').set(h.auth).send({ name }).expect(201)).body as { id: string };
}

async function agent(teamId: string, extra: Record<string, unknown> = {}) {
  const email = `agent.${unique()}@example.com`;
  const created = (await h.http.post('/v1/agents').set(h.auth).send({ name: `Agent ${email}`, email, password: PASSWORD, teamId }).expect(201)).body as { id: string };
  if (Object.keys(extra).length) await h.http.patch(`/v1/agents/${created.id}`).set(h.auth).send(extra).expect(200);
  return { id: created.id, email };
}

async function rule(body: Record<string, unknown>) {
  const res = await h.http.post('/v1/routing-rules').set(h.auth).send(body);
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; version: number };
}

describe('the default rules route each kind of inquiry', () => {
  it('complaints with legal, media or safety signals: urgent, to the seeded leads team, with the rule on the timeline', async () => {
    const leads = (await h.http.get('/v1/teams/team_leads').set(h.auth).expect(200)).body as { name: string };
    expect(leads.name).toBe('Leads');
    for (const body of ['我要找律师起诉你们，产品质量太差了', '你们的产品把我孩子烫伤了，太差劲了', '我要曝光你们，已经联系了记者，服务太差']) {
      const ticket = await post(body);
      expect(ticket, body).toMatchObject({ type: 'complaint', priority: 'urgent', teamId: 'team_leads', assigneeId: null });
      const [event, ...more] = await routedEvents(ticket.id);
      expect(more).toEqual([]);
      expect(event!.data).toMatchObject({
        ruleId: 'rtr_default_crisis',
        trigger: 'ticket.created',
        changes: { priority: { from: 'normal', to: 'urgent' }, teamId: { from: null, to: 'team_leads' } },
      });
      expect(event!.data.actions.map((a) => a.outcome)).toEqual(['applied', 'applied']);
    }
  });

  it('an uncertain classification goes to the review queue (the needs-review tag); confident ones of every kind stay as they came', async () => {
    const unsure = await post('嗯');
    expect(unsure.tags).toEqual(['needs-review']);
    expect((await routedEvents(unsure.id)).map((e) => e.data.ruleId)).toEqual(['rtr_default_review']);
    const queue = (await h.http.get('/v1/tickets?tag=needs-review').set(h.auth).expect(200)).body.data as { id: string }[];
    expect(queue.map((t) => t.id)).toContain(unsure.id);

    for (const [body, type] of [['快递太慢了，非常不满意', 'complaint'], ['请问会员积分可以换购哪些商品？', 'question'], ['建议增加夜间客服，晚上有问题找不到人', 'suggestion']] as const) {
      const ticket = await post(body);
      expect(ticket, body).toMatchObject({ type, priority: 'normal', teamId: null, assigneeId: null, tags: [] });
      expect(await routedEvents(ticket.id)).toEqual([]);
    }
  });

  it('a question that mentions a lawyer is not a crisis; when an agent corrects it to a complaint, routing runs again', async () => {
    const ticket = await post('请问你们公司的法务部门（律师）电话是多少？');
    expect(ticket).toMatchObject({ type: 'question', priority: 'normal', teamId: null });
    const res = await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).set('if-match', String(ticket.version)).send({ type: 'complaint' }).expect(200);
    expect(res.body).toMatchObject({ type: 'complaint', priority: 'urgent', teamId: 'team_leads' });
    const events = await routedEvents(ticket.id);
    expect(events.map((e) => [e.data.ruleId, e.data.trigger])).toEqual([['rtr_default_crisis', 'ticket.updated']]);
    // The SLA follows the routed priority (the urgent policy: first response within 1 hour).
    const firstResponse = (res.body.sla as { metric: string; dueAt: string }[]).find((t) => t.metric === 'first_response')!;
    expect(Date.parse(firstResponse.dueAt) - Date.now()).toBeLessThan(3_600_000 + 5_000);
  });

  it('never overrides a person: an assignment by hand stands, and a review tag a person removed is not put back', async () => {
    const own = await team();
    const human = await agent(own.id);
    const ticket = await post('请问你们公司的法务部门（律师）电话是多少？');
    await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ assigneeId: human.id, teamId: own.id }).expect(200);
    const res = await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ type: 'complaint' }).expect(200);
    expect(res.body).toMatchObject({ assigneeId: human.id, teamId: own.id, priority: 'urgent' });
    const skipped = (await routedEvents(ticket.id))[0]!.data.actions.map((a) => a.outcome);
    expect(skipped).toEqual(['applied', 'skipped']);

    const unsure = await post('嗯');
    const cleared = await h.http.patch(`/v1/tickets/${unsure.id}`).set(h.auth).send({ tags: ['checked'] }).expect(200);
    expect(cleared.body.tags).toEqual(['checked']);
  });
});

describe('round-robin', () => {
  it('is fair across available agents under parallel intake, skipping the away, and honours load caps', async () => {
    const support = await team();
    const members = [await agent(support.id), await agent(support.id), await agent(support.id)];
    const away = await agent(support.id, { status: 'away' });
    expect((await h.http.get(`/v1/agents/${away.id}`).set(h.auth).expect(200)).body).toMatchObject({ status: 'away', loadCap: null });
    await rule({ name: 'Chat to support in turn', position: 5, conditions: { channels: ['chat'] }, actions: [{ type: 'assign_round_robin', teamId: support.id }] });

    const N = 30;
    const tickets = await Promise.all(Array.from({ length: N }, (_, i) => post(`订单 ${i} 什么时候发货？`, { channel: 'chat' })));
    const counts = new Map<string | null, number>();
    for (const t of tickets) {
      expect(t.teamId).toBe(support.id);
      counts.set(t.assigneeId, (counts.get(t.assigneeId) ?? 0) + 1);
    }
    expect(counts.get(away.id)).toBeUndefined();
    expect(counts.get(null)).toBeUndefined();
    const perAgent = members.map((m) => counts.get(m.id) ?? 0);
    expect(perAgent.reduce((a, b) => a + b, 0)).toBe(N);
    expect(Math.max(...perAgent) - Math.min(...perAgent), JSON.stringify(perAgent)).toBeLessThanOrEqual(1);

    // The first member is full at their cap (10 open tickets): the next tickets go to the other two only.
    await h.http.patch(`/v1/agents/${members[0]!.id}`).set(h.auth).send({ loadCap: 10 }).expect(200);
    const more = await Promise.all(Array.from({ length: 6 }, (_, i) => post(`再问一次订单 ${i}`, { channel: 'chat' })));
    const moreCounts = members.map((m) => more.filter((t) => t.assigneeId === m.id).length);
    expect(moreCounts).toEqual([0, 3, 3]);
    const event = (await routedEvents(more[0]!.id))[0]!;
    expect(event.data.actions[0]).toMatchObject({ outcome: 'applied', reason: expect.stringContaining('2 available') });

    // An agent who sets themselves away (through their own session) drops out; nobody available leaves the ticket with the team.
    const cookie = await signIn(members[1]!.email);
    const me = await h.http.patch('/v1/agents/me').set({ cookie, 'x-requested-with': 'desk' }).send({ status: 'away' }).expect(200);
    expect(me.body).toMatchObject({ id: members[1]!.id, status: 'away' });
    await h.http.patch(`/v1/agents/${members[2]!.id}`).set(h.auth).send({ status: 'away' }).expect(200);
    const nobody = await post('还有人吗', { channel: 'chat' });
    expect(nobody).toMatchObject({ teamId: support.id, assigneeId: null });
    expect((await routedEvents(nobody.id))[0]!.data.actions[0]).toMatchObject({ reason: 'no agent available (3 away, 1 at their load cap)' });
  });

  it('lists agents with their open tickets when they have a load cap (what the desk shows as "at cap 2/2")', async () => {
    const support = await team();
    const capped = await agent(support.id, { loadCap: 2 });
    const uncapped = await agent(support.id);
    for (const [i, assigneeId] of [capped.id, capped.id, capped.id, uncapped.id].entries()) {
      const ticket = await post(`订单问题 ${i}`, { channel: 'email' });
      await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ assigneeId }).expect(200);
      if (i === 2) await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ status: 'solved' }).expect(200); // solved: no longer open
    }
    const listed = (await h.http.get(`/v1/agents?teamId=${support.id}`).set(h.auth).expect(200)).body.data as { id: string; loadCap: number | null; openTickets: number | null }[];
    expect(listed.find((a) => a.id === capped.id)).toMatchObject({ loadCap: 2, openTickets: 2 });
    expect(listed.find((a) => a.id === uncapped.id)).toMatchObject({ loadCap: null, openTickets: null });
    // One agent's own record carries no count (it is the list's, for the people offered as assignees).
    expect((await h.http.get(`/v1/agents/${capped.id}`).set(h.auth).expect(200)).body).not.toHaveProperty('openTickets');
  });

  it('a key acting for no agent cannot set "my" status', async () => {
    const res = await h.http.patch('/v1/agents/me').set(h.auth).send({ status: 'away' }).expect(403);
    expect(res.body.code).toBe('auth.not_an_agent');
  });
});

async function signIn(email: string) {
  const res = await h.http.post('/v1/sessions').send({ email, password: PASSWORD }).expect(201);
  return (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('desk_session='))!.split(';')[0]!;
}

describe('the rules API', () => {
  it('dry run: which rules would match and why, with the same matcher, without taking a round-robin turn', async () => {
    const res = await h.http.post('/v1/routing-rules/dry-run').set(h.auth).send({ channel: 'weibo', body: '我要找律师起诉你们，产品质量太差了' }).expect(200);
    expect(res.body.classification).toMatchObject({ type: 'complaint' });
    const crisis = (res.body.rules as { id: string; matched: boolean; reasons: string[] }[]).find((r) => r.id === 'rtr_default_crisis')!;
    expect(crisis).toMatchObject({ matched: true, reasons: ['✓ type complaint in [complaint]', '✓ signal legal_threat'] });
    expect(res.body.result).toEqual({ teamId: 'team_leads', assigneeId: null, priority: 'urgent', tags: [] });

    const support = await team();
    const [a, b] = [await agent(support.id), await agent(support.id)];
    await rule({ name: 'Douyin in turn', position: 6, stop: true, conditions: { channels: ['douyin'] }, actions: [{ type: 'assign_round_robin', teamId: support.id }] });
    const first = [a.id, b.id].sort()[0];
    for (let i = 0; i < 2; i++) {
      const dry = await h.http.post('/v1/routing-rules/dry-run').set(h.auth).send({ channel: 'douyin', body: '嗯' }).expect(200);
      expect(dry.body.result.assigneeId).toBe(first);
      // stop: the review rule after it is not reached
      expect((dry.body.rules as { id: string; reached: boolean }[]).find((r) => r.id === 'rtr_default_review')!.reached).toBe(false);
    }
    expect((await post('嗯', { channel: 'douyin' })).assigneeId).toBe(first);
  });

  it('versioned like the SLA policies: ETag, If-Match (412 when stale), 422 for references that do not exist, 404', async () => {
    const created = await rule({ name: 'VIP', position: 50, conditions: { signals: ['vip'] }, actions: [{ type: 'add_tags', tags: ['vip'] }] });
    const got = await h.http.get(`/v1/routing-rules/${created.id}`).set(h.auth).expect(200);
    expect(got.headers.etag).toBe('"1"');
    await h.http.patch(`/v1/routing-rules/${created.id}`).set(h.auth).set('if-match', '1').send({ stop: true }).expect(200);
    await h.http.patch(`/v1/routing-rules/${created.id}`).set(h.auth).set('if-match', '1').send({ stop: false }).expect(412);
    const bad = await h.http.post('/v1/routing-rules').set(h.auth).send({ name: 'x', position: 1, actions: [{ type: 'assign_team', teamId: 'team_nope' }] }).expect(422);
    expect(bad.body).toMatchObject({ code: 'routing_rules.unknown_reference', errors: [{ path: 'body.actions.0.teamId' }] });
    await h.http.post('/v1/routing-rules').set(h.auth).send({ name: 'x', position: 1, conditions: { minConfidence: 0.8, maxConfidence: 0.5 }, actions: [{ type: 'send_to_review' }] }).expect(400);
    const list = (await h.http.get('/v1/routing-rules').set(h.auth).expect(200)).body.data as { id: string; position: number }[];
    expect(list.map((r) => r.position)).toEqual([...list.map((r) => r.position)].sort((x, y) => x - y));
    await h.http.delete(`/v1/routing-rules/${created.id}`).set(h.auth).set('if-match', '1').expect(412);
    await h.http.delete(`/v1/routing-rules/${created.id}`).set(h.auth).expect(204);
    await h.http.get(`/v1/routing-rules/${created.id}`).set(h.auth).expect(404);
  });
});
