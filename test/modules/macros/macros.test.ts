import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';

/** Macros: saved with checked placeholders, applied as one change (reply, status, tags), idempotent. */
let h: Harness;
let agent: { id: string; name: string };
beforeAll(async () => {
  h = await createHarness();
  agent = (await h.http.post('/v1/agents').set(h.auth).send({ name: '李娜', email: `li.${randomBytes(4).toString('hex')}@example.com`, password: 'correct horse battery' }).expect(201)).body;
});
afterAll(() => h.close());

const macroBody = (overrides: Record<string, unknown> = {}) => ({
  name: '已发货通知',
  reply: { 'zh-Hans': '您好 {{customer.name}}，工单 #{{ticket.number}} 的订单已发货。——{{agent.name}}', en: 'Hi {{customer.name}}, the order of #{{ticket.number}} has shipped. {{agent.name}}' },
  status: 'solved',
  priority: 'low',
  addTags: ['shipping', 'macro'],
  removeTags: ['todo'],
  ...overrides,
});

async function newTicket(overrides: Parameters<typeof inquiry>[0] = {}) {
  const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry(overrides)).expect(201)).body;
  return (await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ assigneeId: agent.id, tags: ['todo', 'vip'] }).expect(200)).body;
}

const eventsOf = async (id: string) => (await h.http.get(`/v1/tickets/${id}/events`).set(h.auth).expect(200)).body.data as { type: string; data: Record<string, unknown> }[];

describe('macros', () => {
  it('refuses unknown placeholders at save time, naming each with its language', async () => {
    const res = await h.http.post('/v1/macros').set(h.auth).send(macroBody({ reply: { en: 'Call {{customer.phone}} or {{ agent.email }}', 'zh-Hans': '好的 {{customer.name}}' } }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('macros.unknown_placeholder');
    expect(res.body.errors).toEqual([
      { path: 'body.reply.en', message: 'unknown placeholder {{customer.phone}}' },
      { path: 'body.reply.en', message: 'unknown placeholder {{agent.email}}' },
    ]);
    expect((await h.http.post('/v1/macros').set(h.auth).send({ name: 'nothing' })).status).toBe(400);
  });

  it('applies reply, status, priority and tags as one change with its events in order, once per Idempotency-Key', async () => {
    const macro = (await h.http.post('/v1/macros').set(h.auth).send(macroBody()).expect(201)).body;
    const ticket = await newTicket();
    const before = (await eventsOf(ticket.id)).length;
    const key = `apply-${randomBytes(6).toString('hex')}`;
    const first = await h.http.post(`/v1/tickets/${ticket.id}/macros/${macro.id}/apply`).set(h.auth).set('idempotency-key', key).send();
    expect(first.status, first.text).toBe(200);
    expect(first.body.ticket).toMatchObject({ status: 'solved', priority: 'low', tags: ['vip', 'shipping', 'macro'] });
    expect(first.body.message).toMatchObject({ author: 'agent', visibility: 'public', body: `您好 小王，工单 #${ticket.number} 的订单已发货。——李娜` });
    expect(first.body.changes).toMatchObject({ status: { from: 'new', to: 'solved' }, priority: { to: 'low' }, tags: { from: ['todo', 'vip'], to: ['vip', 'shipping', 'macro'] } });

    const events = (await eventsOf(ticket.id)).slice(before);
    expect(events.map((e) => e.type)).toEqual(['message.created', 'ticket.updated', 'ticket.updated', 'ticket.macro_applied']);
    expect(events[3]!.data).toMatchObject({ macro: { id: macro.id, name: '已发货通知' }, messageId: first.body.message.id, language: 'zh-Hans' });

    // A retry (the network lost the answer) changes nothing and answers the same.
    const retry = await h.http.post(`/v1/tickets/${ticket.id}/macros/${macro.id}/apply`).set(h.auth).set('idempotency-key', key).send();
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect((await eventsOf(ticket.id)).length).toBe(before + 4);
    const messages = (await h.http.get(`/v1/tickets/${ticket.id}/messages`).set(h.auth).expect(200)).body.data;
    expect(messages.filter((m: { author: string }) => m.author === 'agent')).toHaveLength(1);
  });

  it('writes in the ticket\'s language or the one asked for; a missing name is left out, never "null"', async () => {
    const macro = (await h.http.post('/v1/macros').set(h.auth).send(macroBody({ status: null, priority: null, addTags: [], removeTags: [] })).expect(201)).body;
    const english = await newTicket({ body: 'Where is my order? It has been a week', customer: { externalId: `u-${randomBytes(4).toString('hex')}` } });
    const applied = (await h.http.post(`/v1/tickets/${english.id}/macros/${macro.id}/apply`).set(h.auth).send().expect(200)).body;
    expect(applied.language).toBe('en');
    expect(applied.message.body).toBe(`Hi, the order of #${english.number} has shipped. 李娜`);
    const asked = (await h.http.post(`/v1/tickets/${english.id}/macros/${macro.id}/apply?language=zh-Hans`).set(h.auth).send().expect(200)).body;
    expect(asked.message.body).toBe(`您好，工单 #${english.number} 的订单已发货。——李娜`);
  });

  it('rolls back everything when one action cannot be taken, and keeps team macros to their team', async () => {
    const macro = (await h.http.post('/v1/macros').set(h.auth).send(macroBody({ status: 'on_hold' })).expect(201)).body;
    const ticket = await newTicket();
    await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ status: 'solved' }).expect(200);
    const before = await eventsOf(ticket.id);
    const refused = await h.http.post(`/v1/tickets/${ticket.id}/macros/${macro.id}/apply`).set(h.auth).send();
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('tickets.invalid_transition');
    expect(await eventsOf(ticket.id)).toEqual(before);
    expect((await h.http.get(`/v1/tickets/${ticket.id}`).set(h.auth)).body.tags).toEqual(['todo', 'vip']);

    const team = (await h.http.post('/v1/teams').set(h.auth).send({ name: `Team ${randomBytes(3).toString('hex')}` }).expect(201)).body;
    const teamMacro = (await h.http.post('/v1/macros').set(h.auth).send(macroBody({ teamId: team.id })).expect(201)).body;
    const other = await newTicket();
    const wrongTeam = await h.http.post(`/v1/tickets/${other.id}/macros/${teamMacro.id}/apply`).set(h.auth).send();
    expect(wrongTeam.status).toBe(422);
    expect(wrongTeam.body.code).toBe('macros.other_team');
    expect((await h.http.post('/v1/macros').set(h.auth).send(macroBody({ teamId: 'team_missing' }))).body.code).toBe('macros.unknown_team');
    const listed = (await h.http.get(`/v1/macros?teamId=${team.id}`).set(h.auth).expect(200)).body.data.map((m: { id: string }) => m.id);
    expect(listed).toContain(teamMacro.id);
    expect(listed).toContain(macro.id);
  });

  it('updates with If-Match, refuses stale versions and deletes', async () => {
    const macro = (await h.http.post('/v1/macros').set(h.auth).send(macroBody()).expect(201)).body;
    const updated = await h.http.patch(`/v1/macros/${macro.id}`).set(h.auth).set('if-match', String(macro.version)).send({ name: '已发货', active: false });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: '已发货', active: false, version: macro.version + 1 });
    expect((await h.http.patch(`/v1/macros/${macro.id}`).set(h.auth).set('if-match', String(macro.version)).send({ name: 'x' })).status).toBe(412);
    expect((await h.http.patch(`/v1/macros/${macro.id}`).set(h.auth).send({ reply: { en: '{{oops}}' } })).body.code).toBe('macros.unknown_placeholder');
    const ticket = await newTicket();
    expect((await h.http.post(`/v1/tickets/${ticket.id}/macros/${macro.id}/apply`).set(h.auth).send()).body.code).toBe('macros.inactive');
    await h.http.delete(`/v1/macros/${macro.id}`).set(h.auth).expect(204);
    expect((await h.http.get(`/v1/macros/${macro.id}`).set(h.auth)).status).toBe(404);
  });
});
