import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../support/harness.ts';
import { insertAlert } from '../../support/alerts.ts';
import { DEFAULT_ALERT_RULES } from '../../../src/modules/alerts/alert-rules.schemas.ts';
import type { AlertDto } from '../../../src/modules/alerts/alerts.schemas.ts';

/** What people do with alerts and rules: read, acknowledge, resolve, edit the thresholds (versioned). */
let h: Harness;
let lead: { id: string; headers: Record<string, string> };

async function signedIn(role: 'lead' | 'agent') {
  const email = `${role}-${randomBytes(4).toString('hex')}@example.com`;
  const agent = await h.http.post('/v1/agents').set(h.auth).send({ name: `A ${role}`, email, role, password: 'correct horse battery' }).expect(201);
  const res = await h.http.post('/v1/sessions').send({ email, password: 'correct horse battery' }).expect(201);
  const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('desk_session='))!.split(';')[0]!;
  return { id: agent.body.id as string, headers: { cookie, 'x-requested-with': 'desk' } };
}

beforeAll(async () => {
  h = await createHarness();
  lead = await signedIn('lead');
});
afterAll(() => h.close());

describe('alert rules', () => {
  it('start as the seeded defaults, version 1 (the migration and the code agree)', async () => {
    const res = await h.http.get('/v1/alert-rules').set(h.auth).expect(200);
    const { version, updatedAt, ...rules } = res.body;
    expect(version).toBe(1);
    expect(res.headers.etag).toBe('"1"');
    expect(rules).toEqual(DEFAULT_ALERT_RULES);
    expect(updatedAt).toEqual(expect.any(String));
  });

  it('are replaced as a new version with If-Match, and a stale version is a 412', async () => {
    const edited = { ...DEFAULT_ALERT_RULES, term: { ...DEFAULT_ALERT_RULES.term, terms: [...DEFAULT_ALERT_RULES.term.terms, { term: '退货潮', weight: 3 }] } };
    const saved = await h.http.put('/v1/alert-rules').set(h.auth).set('if-match', '"1"').send(edited).expect(200);
    expect(saved.body).toMatchObject({ version: 2 });
    expect(saved.headers.etag).toBe('"2"');
    await h.http.put('/v1/alert-rules').set(h.auth).set('if-match', '1').send(DEFAULT_ALERT_RULES).expect(412);
    const current = await h.http.get('/v1/alert-rules').set(h.auth).expect(200);
    expect(current.body.term.terms.at(-1)).toEqual({ term: '退货潮', weight: 3 });
    const { rows } = await h.container.db.pool.query('SELECT version, actor_type FROM alert_rules ORDER BY version');
    expect(rows).toEqual([{ version: 1, actor_type: 'system' }, { version: 2, actor_type: 'api_key' }]);
  });

  it('refuse a worse level that is less demanding than the one below it, naming the field', async () => {
    const levels = { ...DEFAULT_ALERT_RULES.topic.levels, III: { ...DEFAULT_ALERT_RULES.topic.levels.III, minCount: 5 } };
    const res = await h.http.put('/v1/alert-rules').set(h.auth).send({ ...DEFAULT_ALERT_RULES, topic: { enabled: true, levels } }).expect(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'body.topic.levels.III.minCount' })]));
    const twice = await h.http.put('/v1/alert-rules').set(h.auth).send({ ...DEFAULT_ALERT_RULES, term: { ...DEFAULT_ALERT_RULES.term, terms: [{ term: '曝光', weight: 1 }, { term: '曝光', weight: 2 }] } }).expect(400);
    expect(twice.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'body.term.terms.1.term' })]));
  });
});

describe('alerts', () => {
  it('a lead acknowledges an alert and then resolves it, with notes, each recorded with who and an event', async () => {
    const id = await insertAlert(h, { level: 'II' });
    const read = await h.http.get(`/v1/alerts/${id}`).set(lead.headers).expect(200);
    expect(read.body).toMatchObject({ id, level: 'II', levelName: { zh: '严重', en: 'severe' }, status: 'open', actions: { zh: expect.arrayContaining(['启动应急预案和处理小组']) } });
    expect(read.headers.etag).toBe('"1"');

    const acknowledged = await h.http.patch(`/v1/alerts/${id}`).set(lead.headers).set('if-match', '"1"').send({ status: 'acknowledged', note: '已通知产品和公关团队' }).expect(200);
    expect(acknowledged.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: { type: 'agent', id: lead.id }, version: 2 });
    await h.http.patch(`/v1/alerts/${id}`).set(lead.headers).set('if-match', '"1"').send({ status: 'resolved' }).expect(412);
    // Asking again for what it already is changes nothing.
    await h.http.patch(`/v1/alerts/${id}`).set(lead.headers).send({ status: 'acknowledged' }).expect(200);

    const resolved = (await h.http.patch(`/v1/alerts/${id}`).set(lead.headers).send({ status: 'resolved', note: 'Batch recalled, statement published' }).expect(200)).body as AlertDto;
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'manual', resolvedBy: { type: 'agent', id: lead.id } });
    expect(resolved.history.map((c) => [c.change, c.actor.type, c.note])).toEqual([
      ['raised', 'system', null],
      ['acknowledged', 'agent', '已通知产品和公关团队'],
      ['resolved', 'agent', 'Batch recalled, statement published'],
    ]);
    const reopen = await h.http.patch(`/v1/alerts/${id}`).set(lead.headers).send({ status: 'acknowledged' }).expect(422);
    expect(reopen.body).toMatchObject({ code: 'alerts.invalid_transition', errors: [{ path: 'body.status' }] });

    const { rows } = await h.container.db.pool.query(`SELECT type, ticket_id, actor_type, actor_id, data FROM events WHERE type LIKE 'alert.%' AND data->'alert'->>'id' = $1 ORDER BY seq`, [id]);
    expect(rows.map((r) => [r.type, r.ticket_id, r.actor_type, r.actor_id])).toEqual([
      ['alert.acknowledged', null, 'agent', lead.id],
      ['alert.resolved', null, 'agent', lead.id],
    ]);
    expect(rows[1].data).toMatchObject({ resolution: 'manual', note: 'Batch recalled, statement published', alert: { id, status: 'resolved' } });
  });

  it('an agent reads nothing of them and changes nothing; an unknown alert is a 404', async () => {
    const agent = await signedIn('agent');
    const id = await insertAlert(h);
    await h.http.get(`/v1/alerts/${id}`).set(agent.headers).expect(403);
    await h.http.patch(`/v1/alerts/${id}`).set(agent.headers).send({ status: 'acknowledged' }).expect(403);
    const missing = await h.http.get('/v1/alerts/alr_nothing').set(h.auth).expect(404);
    expect(missing.body.code).toBe('alerts.not_found');
  });

  it('list newest first, by status, level and period, a page at a time', async () => {
    const base = new Date('2026-03-01T00:00:00Z').getTime();
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push(await insertAlert(h, { level: i % 2 ? 'I' : 'IV', raisedAt: new Date(base + i * 60_000) }));
    const period = { from: new Date(base).toISOString(), to: new Date(base + 3_600_000).toISOString() };
    const first = await h.http.get('/v1/alerts').query({ ...period, limit: 2 }).set(h.auth).expect(200);
    expect(first.body.data.map((a: AlertDto) => a.id)).toEqual([made[4], made[3]]);
    const second = await h.http.get('/v1/alerts').query({ ...period, limit: 2, cursor: first.body.nextCursor }).set(h.auth).expect(200);
    expect(second.body.data.map((a: AlertDto) => a.id)).toEqual([made[2], made[1]]);
    const worst = await h.http.get('/v1/alerts').query({ ...period, level: 'I,II', status: 'open' }).set(h.auth).expect(200);
    expect(worst.body.data.map((a: AlertDto) => a.id)).toEqual([made[3], made[1]]);
    expect(worst.body.nextCursor).toBeNull();
  });
});
