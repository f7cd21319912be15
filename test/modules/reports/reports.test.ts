import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';
import { createFixedClock } from '../../../src/shared/clock.ts';
import { durationToMs } from '../../../src/modules/sla/durations.ts';
import { RELATIVE_ERROR } from '../../../src/modules/reports/histogram.ts';

/** A percentile is a histogram bin's middle: within the stated relative error of the true value. */
const near = (iso: string | null, minutes: number) => Math.abs(durationToMs(iso ?? '')! / 60_000 - minutes) <= minutes * RELATIVE_ERROR;

/**
 * A small history built by hand around Berlin's spring DST change (2026-03-29, 02:00 → 03:00),
 * with the clock in the test's hands, and each report checked against what it must say.
 *   A: created 03-28 22:30Z (23:30 CET, Saturday), replied by Li after 20 min, solved 03-29 01:30Z.
 *   B: created 03-29 00:30Z, replied by Li after 60 min, solved 05:00Z, reopened by the customer 23:30Z.
 *   C: created 03-29 21:59Z (23:59 CEST, the last minute of the 23-hour day), never answered.
 *   D: created 03-29 22:00Z (00:00 CEST on the 30th: the next day's first instant), never answered.
 */
const clock = createFixedClock('2026-03-28T22:30:00.000Z');
let h: Harness;
let li: { id: string };
let team: { id: string };
const tickets: Record<string, { id: string }> = {};

const BERLIN = 'from=2026-03-27T23:00:00Z&to=2026-03-30T22:00:00Z&timeZone=Europe/Berlin&bucket=day';
const UTC = 'from=2026-03-28T00:00:00Z&to=2026-03-31T00:00:00Z&timeZone=UTC&bucket=day';

async function open(name: string, at: string) {
  clock.set(at);
  const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ body: '我的订单三天了还没发货，请帮忙查一下' })).expect(201)).body;
  await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ assigneeId: li.id, teamId: team.id }).expect(200);
  tickets[name] = ticket;
}
async function reply(name: string, at: string) {
  clock.set(at);
  await h.http.post(`/v1/tickets/${tickets[name]!.id}/messages`).set(h.auth).send({ author: 'agent', visibility: 'public', body: '您好，已处理', agentId: li.id }).expect(201);
}
async function status(name: string, to: string, at: string) {
  clock.set(at);
  await h.http.patch(`/v1/tickets/${tickets[name]!.id}`).set(h.auth).send({ status: to }).expect(200);
}
const get = async (path: string) => (await h.http.get(path).set(h.auth).expect(200)).body;

beforeAll(async () => {
  h = await createHarness({ clock });
  team = (await h.http.post('/v1/teams').set(h.auth).send({ name: '投诉处理' }).expect(201)).body;
  li = (await h.http.post('/v1/agents').set(h.auth).send({ name: '李娜', email: 'li.na@example.com', role: 'agent', teamId: team.id, password: 'correct horse battery' }).expect(201)).body;
  await open('A', '2026-03-28T22:30:00.000Z');
  await reply('A', '2026-03-28T22:50:00.000Z');
  await open('B', '2026-03-29T00:30:00.000Z');
  await status('A', 'solved', '2026-03-29T01:30:00.000Z');
  await reply('B', '2026-03-29T01:30:00.000Z');
  await status('B', 'solved', '2026-03-29T05:00:00.000Z');
  await open('C', '2026-03-29T21:59:00.000Z');
  await open('D', '2026-03-29T22:00:00.000Z');
  clock.set('2026-03-29T23:30:00.000Z');
  await h.http.post(`/v1/tickets/${tickets.B!.id}/messages`).set(h.auth).send({ author: 'customer', body: '还是没收到' }).expect(201);
  clock.set('2026-03-31T00:00:00.000Z');
  await h.drainEvents();
});
afterAll(() => h.close());

describe('reports on a hand-built history', () => {
  it('volume: per local day across the DST change (23-hour day), and per UTC day from the rollup', async () => {
    const berlin = await get(`/v1/reports/volume?${BERLIN}`);
    expect(berlin.buckets.map((b: Record<string, unknown>) => [b.label, b.start, b.end, b.created, b.solved, b.reopened])).toEqual([
      ['2026-03-28', '2026-03-27T23:00:00.000Z', '2026-03-28T23:00:00.000Z', 1, 0, 0],
      ['2026-03-29', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z', 2, 2, 0],
      ['2026-03-30', '2026-03-29T22:00:00.000Z', '2026-03-30T22:00:00.000Z', 1, 0, 1],
    ]);
    expect(berlin.totals).toEqual({ created: 4, solved: 2, reopened: 1 });
    expect(berlin.breakdown.channel).toEqual([{ value: 'weibo', created: 4, solved: 2, reopened: 1 }]);
    expect(berlin.breakdown.language).toEqual([{ value: 'zh-Hans', created: 4, solved: 2, reopened: 1 }]);

    const utc = await get(`/v1/reports/volume?${UTC}&groupBy=type`);
    expect(utc.buckets.map((b: { created: number; solved: number; reopened: number }) => [b.created, b.solved, b.reopened])).toEqual([
      [1, 0, 0],
      [3, 2, 1],
      [0, 0, 0],
    ]);
    expect(utc.buckets[1].groups).toEqual([{ value: 'complaint', created: 3, solved: 2, reopened: 1 }]);

    const filtered = await get(`/v1/reports/volume?${BERLIN}&agentId=${li.id}`);
    expect(filtered.totals).toEqual({ created: 4, solved: 2, reopened: 1 });
    expect((await get(`/v1/reports/volume?${BERLIN}&agentId=none`)).totals).toEqual({ created: 0, solved: 0, reopened: 0 });
    expect((await get(`/v1/reports/volume?${BERLIN}&channel=email`)).totals.created).toBe(0);
  });

  it('response-times: percentiles (nearest rank, within the bins\' error) and exact means, overall and per bucket', async () => {
    const report = await get(`/v1/reports/response-times?${BERLIN}`);
    const first = report.metrics.find((m: { metric: string }) => m.metric === 'first_response');
    // 20 and 60 minutes: the median is the first, p90 and p99 the second; the mean is exact
    expect(first).toMatchObject({ achieved: 2, breached: 0, running: 2, calendar: { count: 2, mean: 'PT40M' } });
    expect([near(first.calendar.p50, 20), near(first.calendar.p90, 60), near(first.calendar.p99, 60)]).toEqual([true, true, true]);
    expect(first.business).toEqual(first.calendar);
    const firstDay = report.buckets[0].metrics.find((m: { metric: string }) => m.metric === 'first_response').calendar;
    expect(firstDay).toMatchObject({ count: 1, mean: 'PT20M' });
    expect(near(firstDay.p50, 20)).toBe(true);
    const utc = await get(`/v1/reports/response-times?${UTC}`); // whole UTC days: the rollups' histograms
    expect(utc.metrics.find((m: { metric: string }) => m.metric === 'first_response').calendar).toEqual(first.calendar);
  });

  it('backlog: what was open as each local day ended, by status and age band, oldest first', async () => {
    const report = await get(`/v1/reports/backlog?${BERLIN}`);
    expect(report.ageBands[0]).toBe('over_30d');
    const points = report.buckets.map((b: { at: string; total: number; byStatus: Record<string, number> }) => [b.at, b.total, b.byStatus.new, b.byStatus.open]);
    expect(points).toEqual([
      ['2026-03-28T23:00:00.000Z', 1, 0, 1], // A, replied
      ['2026-03-29T22:00:00.000Z', 1, 1, 0], // C (D starts the next day)
      ['2026-03-30T22:00:00.000Z', 3, 2, 1], // C and D new, B reopened
    ]);
    const last = report.buckets[2].byAge.find((a: { band: string }) => a.band === '1d_3d');
    expect(last.total).toBe(3);
    expect(report.buckets[0].byAge.find((a: { band: string }) => a.band === 'under_1h').total).toBe(1);
  });

  it('agents: the reward scheme figures per agent and per team', async () => {
    const report = await get(`/v1/reports/agents?${BERLIN}`);
    expect(report.agents).toHaveLength(1);
    expect(report.agents[0]).toMatchObject({
      agentId: li.id,
      name: '李娜',
      ticketsHandled: 2,
      publicReplies: 2,
      firstResponse: { calendar: { count: 2, mean: 'PT40M' } },
      reopened: 1,
      reopenRate: 0.5,
      sla: { achieved: 3, breached: 0, attainment: 1 }, // A's two targets, B's first response (B's resolution runs again)
    });
    expect(near(report.agents[0].firstResponse.calendar.p50, 20)).toBe(true);
    expect(report.teams).toEqual([expect.objectContaining({ teamId: team.id, name: '投诉处理', ticketsHandled: 2, publicReplies: 2 })]);
    expect(await get(`/v1/reports/agents?${UTC}`)).toMatchObject({ agents: [{ ticketsHandled: 2, publicReplies: 2, reopened: 1 }] });
  });

  it('sla keeps its rows and adds a series; csat and classification take the same parameters', async () => {
    const sla = await get(`/v1/reports/sla?${BERLIN}&groupBy=agent`);
    const first = sla.rows.find((r: { metric: string }) => r.metric === 'first_response');
    expect(first).toMatchObject({ group: li.id, completed: 2, achieved: 2, running: 2, attainment: 1 });
    expect(near(first.p50, 20)).toBe(true);
    expect(sla.buckets).toHaveLength(3);
    const csat = await get(`/v1/reports/csat?${BERLIN}`);
    expect(csat).toMatchObject({ timeZone: 'Europe/Berlin', bucket: 'day', total: { sent: 0 } });
    const classification = await get(`/v1/reports/classification?${BERLIN}`);
    expect(classification).toMatchObject({ classified: 4, corrected: 0, agreementRate: 1 });
    expect(classification.buckets.map((b: { classified: number }) => b.classified)).toEqual([1, 2, 1]);
  });

  it('answers CSV with Accept: text/csv', async () => {
    const csv = await h.http.get(`/v1/reports/volume?${BERLIN}`).set(h.auth).set('accept', 'text/csv').expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="volume.csv"');
    expect(csv.text.split('\r\n')).toEqual([
      'label,start,end,group,value,created,solved,reopened',
      '2026-03-28,2026-03-27T23:00:00.000Z,2026-03-28T23:00:00.000Z,all,,1,0,0',
      '2026-03-29,2026-03-28T23:00:00.000Z,2026-03-29T22:00:00.000Z,all,,2,2,0',
      '2026-03-30,2026-03-29T22:00:00.000Z,2026-03-30T22:00:00.000Z,all,,1,0,1',
      '',
    ]);
    for (const path of ['response-times', 'backlog', 'agents', 'sla', 'csat', 'classification']) {
      const response = await h.http.get(`/v1/reports/${path}?${BERLIN}`).set(h.auth).set('accept', 'text/csv').expect(200);
      expect(response.headers['content-type'], path).toBe('text/csv; charset=utf-8');
      expect(response.text.split('\r\n').length, path).toBeGreaterThan(2);
    }
    const refused = await h.http.get(`/v1/reports/volume?${BERLIN}`).set(h.auth).set('accept', 'text/html');
    expect(refused.status).toBe(406);
  });

  it('refuses a bad zone, a reversed period and too many buckets with the parameter named', async () => {
    const paths = async (query: string) => {
      const response = await h.http.get(`/v1/reports/volume?${query}`).set(h.auth);
      expect(response.status).toBe(400);
      return (response.body.errors as { path: string }[]).map((e) => e.path);
    };
    expect(await paths('timeZone=Mars/Olympus')).toEqual(['querystring.timeZone']);
    expect(await paths('timeZone=UTC%2B8')).toEqual(['querystring.timeZone']);
    expect(await paths('from=2026-03-30T00:00:00Z&to=2026-03-29T00:00:00Z')).toEqual(['querystring.from']);
    expect(await paths('from=2025-01-01T00:00:00Z&to=2026-03-29T00:00:00Z&bucket=hour')).toEqual(['querystring.bucket']);
    expect(await paths('bucket=fortnight')).toEqual(['querystring.bucket']);
    expect(await paths('type=complaint,rant')).toEqual(['querystring.type']);
    for (const report of ['response-times', 'backlog', 'agents', 'sla', 'csat', 'classification']) {
      const response = await h.http.get(`/v1/reports/${report}?from=2026-03-30T00:00:00Z&to=2026-03-29T00:00:00Z&timeZone=Nowhere`).set(h.auth);
      expect(response.status, report).toBe(400);
    }
  });
});

describe('the backlog over many instants', () => {
  it('one pass over the stretches (hours of a week) agrees with a lookup per instant', async () => {
    const { backlogAt, SWEEP_FROM } = await import('../../../src/modules/reports/backlog.queries.ts');
    const instants = Array.from({ length: 72 }, (_, i) => new Date(Date.parse('2026-03-28T20:00:00Z') + i * 3_600_000));
    expect(instants.length).toBeGreaterThan(SWEEP_FROM);
    const swept = await backlogAt(h.container.db.db, { instants, filters: {} });
    const looked: typeof swept = [];
    for (let i = 0; i < instants.length; i += SWEEP_FROM) {
      const part = await backlogAt(h.container.db.db, { instants: instants.slice(i, i + SWEEP_FROM), filters: {} });
      looked.push(...part.map((row) => ({ ...row, at: row.at + i })));
    }
    const key = (r: { at: number; status: number; band: number }) => `${r.at}|${r.status}|${r.band}`;
    expect([...swept].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...looked].sort((a, b) => key(a).localeCompare(key(b))));
    expect(swept.length).toBeGreaterThan(20);
  });
});
