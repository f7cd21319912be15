import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../support/harness.ts';
import { loadHistory, post } from '../../support/history.ts';
import { normalTraffic, surge, type GeneratedMessage } from '../../support/traffic.ts';
import { loadClassifier } from '../../../src/modules/classification/classifier.ts';
import type { AlertDto } from '../../../src/modules/alerts/alerts.schemas.ts';
import { LEVELS, severity } from '../../../src/modules/alerts/levels.ts';
import type { HotspotReport } from '../../../src/modules/topics/hotspots.schemas.ts';
import type { Database } from '../../../src/db/client.ts';
import { createDetectorQueries } from '../../../src/modules/alerts/detector.queries.ts';
import { createHotspotQueries } from '../../../src/modules/topics/hotspots.queries.ts';
import { detectionSlots } from '../../../src/modules/alerts/windows.ts';
import { createTermMatcher } from '../../../src/modules/alerts/term-matcher.ts';

/**
 * The "done when", end to end. A month of normal traffic (daily and weekly cycles, about
 * 2,000 messages a day, in simplified and traditional Chinese and English) is written straight
 * into the database and indexed by the event relay's own indexer. Then:
 * - the detector, driven by an injected clock through every 10-minute window of the month, raises nothing;
 * - 200 complaints about one product within ten minutes, posted through POST /v1/inquiries with
 *   their receivedAt on top of that day's normal traffic (also posted), raise ONE alert that
 *   escalates through the levels as it grows, with evidence, and resolves itself once calm;
 *   once in Chinese (小米手环8), once in English (Acme X200);
 * - hotspots put the surging product first.
 */
const TZ = 'Asia/Shanghai';
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const MONTH_FROM = new Date('2026-04-19T16:00:00Z'); // Monday 20 April 2026, 00:00 in Shanghai
const MONTH_TO = new Date(MONTH_FROM.getTime() + 30 * DAY);
const ZH_SURGE = new Date('2026-05-20T12:00:00Z'); // Wednesday 20:00 in Shanghai: the evening peak
const EN_SURGE = new Date('2026-05-22T12:00:00Z'); // Friday 20:00
const HISTORY_TO = new Date('2026-05-24T16:00:00Z');
const LIVE = (at: Date) => ({ from: new Date(at.getTime() - 30 * MIN), to: new Date(at.getTime() + 60 * MIN) });
const PER_DAY = 2_000;

let h: Harness;
const live = new Map<Date, GeneratedMessage[]>();
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  h = await createHarness();
  const history = normalTraffic({ from: MONTH_FROM, to: HISTORY_TO, perDay: PER_DAY, timeZone: TZ, seed: 7 });
  const liveHours = (m: GeneratedMessage) => [ZH_SURGE, EN_SURGE].find((at) => m.receivedAt >= LIVE(at).from && m.receivedAt < LIVE(at).to);
  const started = performance.now();
  await loadHistory(h, history.filter((m) => !liveHours(m)), loadClassifier());
  figures.history = { messages: history.length, loadMs: Math.round(performance.now() - started) };
  for (const [at, language, seed] of [[ZH_SURGE, 'zh', 11], [EN_SURGE, 'en', 12]] as const) {
    const normal = history.filter((m) => liveHours(m) === at);
    live.set(at, [...normal, ...surge({ from: at, minutes: 10, count: 200, language, seed })].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime()));
  }
}, 240_000);
afterAll(async () => {
  console.info('crisis detection figures', JSON.stringify(figures));
  await h.close();
});

/** Posts the live messages received before each 30-second tick, relays them, runs the detector at the tick. */
async function replay(at: Date, tag: string) {
  const messages = [...live.get(at)!];
  const { from, to } = LIVE(at);
  const runs: { at: Date; ms: number; incidents: number }[] = [];
  for (let tick = from.getTime() + 30_000; tick <= to.getTime(); tick += 30_000) {
    while (messages.length && messages[0]!.receivedAt.getTime() < tick) await post(h, messages.shift()!, tag);
    await h.drainEvents();
    const run = await h.container.crisis.run(new Date(tick));
    runs.push({ at: new Date(tick), ms: run.ms, incidents: run.incidents });
  }
  return runs;
}

async function alertsRaisedIn(from: Date, to: Date): Promise<AlertDto[]> {
  const res = await h.http.get('/v1/alerts').query({ from: from.toISOString(), to: to.toISOString() }).set(h.auth).expect(200);
  return res.body.data as AlertDto[];
}

function expectEscalationThroughEveryLevel(alert: AlertDto, surgeAt: Date) {
  const rising = alert.history.filter((c) => c.change === 'raised' || c.change === 'escalated');
  expect(rising[0]).toMatchObject({ change: 'raised', toLevel: 'IV' });
  const reached = rising.map((c) => c.toLevel!);
  expect(reached, 'levels only rise while the surge grows').toEqual([...reached].sort((a, b) => severity(a) - severity(b)));
  expect(new Set(reached), 'every level, IV to I').toEqual(new Set(LEVELS));
  expect(new Date(alert.raisedAt).getTime() - surgeAt.getTime()).toBeLessThanOrEqual(2 * MIN);
  const worst = rising.find((c) => c.toLevel === 'I')!;
  expect(new Date(worst.at).getTime() - surgeAt.getTime()).toBeLessThanOrEqual(10 * MIN);
  expect(worst.figures).toMatchObject({ count: expect.any(Number), baseline: expect.any(Number), zScore: expect.any(Number) });
  // Calm again: it stepped down or resolved itself, with no flood of changes on the way.
  expect(alert.status).toBe('resolved');
  expect(alert.resolution).toBe('auto');
  expect(alert.history.at(-1)).toMatchObject({ change: 'resolved', actor: { type: 'system', id: null } });
  expect(alert.history.length).toBeLessThanOrEqual(10);
}

describe('crisis detection over receivedAt windows', () => {
  it('a month of normal traffic, every 10-minute window of it, raises no alert', { timeout: 300_000 }, async () => {
    const started = performance.now();
    const ms: number[] = [];
    let incidents = 0;
    for (let tick = MONTH_FROM.getTime() + 10 * MIN; tick <= MONTH_TO.getTime(); tick += 10 * MIN) {
      const run = await h.container.crisis.run(new Date(tick));
      ms.push(run.ms);
      incidents += run.incidents;
    }
    ms.sort((a, b) => a - b);
    figures.month = { runs: ms.length, p50Ms: ms[ms.length >> 1], p95Ms: ms[Math.floor(ms.length * 0.95)], maxMs: ms.at(-1), totalMs: Math.round(performance.now() - started) };
    const raised = await alertsRaisedIn(MONTH_FROM, MONTH_TO);
    expect(raised.map((a) => `${a.raisedAt} ${a.level} ${a.kind} ${a.subject} ${JSON.stringify(a.evidence.windows.map((w) => w.count))}`)).toEqual([]);
    expect(incidents).toBe(0);
  });

  it('200 complaints about 小米手环8 in ten minutes: one alert, IV → III → II → I, with evidence, resolving itself when calm', { timeout: 180_000 }, async () => {
    const runs = await replay(ZH_SURGE, 'zh');
    expect(runs.filter((r) => r.at <= ZH_SURGE).every((r) => r.incidents === 0), 'nothing before the surge').toBe(true);
    const alerts = await alertsRaisedIn(LIVE(ZH_SURGE).from, LIVE(ZH_SURGE).to);
    expect(alerts.map((a) => `${a.kind} ${a.subject}`)).toEqual(['topic 小米手环8']);
    const [alert] = alerts as [AlertDto];
    expect(alert).toMatchObject({ subjectKey: 'topic:小米手环8', peakLevel: 'I' });
    expectEscalationThroughEveryLevel(alert, ZH_SURGE);
    figures.zh = { history: alert.history.map((c) => `${c.change} ${c.toLevel ?? ''} ${c.at.slice(11, 19)}`), runMsMax: Math.max(...runs.map((r) => r.ms)) };

    // Evidence: the windows compared (14 past days and the current one), baseline, z, channels, tickets.
    const { evidence } = alert;
    expect(evidence.windows).toHaveLength(15);
    expect(evidence.detections.map((d) => d.kind)).toEqual(expect.arrayContaining(['topic']));
    const worst = (await h.http.get(`/v1/alerts/${alert.id}`).set(h.auth).expect(200)).body as AlertDto;
    expect(worst.actions.zh.length).toBeGreaterThan(0);
  });

  it('200 complaints about the Acme X200 in English: one alert through the levels as well', { timeout: 180_000 }, async () => {
    await replay(EN_SURGE, 'en');
    const alerts = await alertsRaisedIn(LIVE(EN_SURGE).from, LIVE(EN_SURGE).to);
    expect(alerts.map((a) => `${a.kind} ${a.subject}`)).toEqual(['topic Acme X200']);
    expectEscalationThroughEveryLevel(alerts[0]!, EN_SURGE);
  });

  it('hotspots put the surging product first, in Chinese and in English', async () => {
    const day = (at: Date) => ({ from: new Date(at.getTime() - 20 * 60 * MIN).toISOString(), to: new Date(at.getTime() + 4 * 60 * MIN).toISOString() });
    for (const [at, key, label] of [[ZH_SURGE, '小米手环8', '小米手环8'], [EN_SURGE, 'acme x200', 'Acme X200']] as const) {
      const res = await h.http.get('/v1/reports/hotspots').query({ ...day(at), timeZone: TZ, limit: 5 }).set(h.auth).expect(200);
      const report = res.body as HotspotReport;
      expect(report.groups.map((g) => g.type)).toEqual(['complaint', 'question', 'suggestion']);
      const complaints = report.groups[0]!;
      expect(complaints.byGrowth[0]).toMatchObject({ key, topic: label, product: true, previousTickets: 0 });
      expect(complaints.byGrowth[0]!.tickets).toBeGreaterThanOrEqual(190);
      expect(complaints.byGrowth[0]!.sampleTicketIds).toHaveLength(5);
      expect(complaints.byGrowth[0]!.negativeShare).toBeGreaterThanOrEqual(0);
      expect(complaints.byVolume.slice(0, 3).map((h) => h.key)).toContain(key);
    }
    // How long a month of hotspots takes on this data (~400,000 topic rows in both periods).
    const ms: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await h.http.get('/v1/reports/hotspots').query({ from: MONTH_FROM.toISOString(), to: MONTH_TO.toISOString(), limit: 10 }).set(h.auth).expect(200);
      ms.push(Math.round(performance.now() - started));
    }
    figures.hotspots30DaysMs = ms;
  });

  it('reads only the windows it compares: EXPLAIN shows index range scans, never a scan of a whole table', async () => {
    // The queries' own SQL, captured and explained on the month of data (77,000 messages, 400,000 topic rows).
    type Plan = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: Plan[] };
    const plans: { name: string; plan: Plan }[] = [];
    const real = h.container.db.db;
    let name = '';
    const explaining = {
      execute: async (query: Parameters<Database['execute']>[0]) => {
        const compiled = (real as unknown as { dialect: { sqlToQuery(q: unknown): { sql: string; params: unknown[] } } }).dialect.sqlToQuery(query);
        const { rows } = await h.container.db.pool.query(`EXPLAIN (FORMAT JSON) ${compiled.sql}`, compiled.params);
        plans.push({ name, plan: (rows[0]['QUERY PLAN'] as { Plan: Plan }[])[0]!.Plan });
        return { rows: [] };
      },
    } as unknown as Database;
    const detector = createDetectorQueries(explaining);
    const slots = detectionSlots(ZH_SURGE, { windowMinutes: 10, days: 14, timeZone: TZ, historyStart: MONTH_FROM });
    name = 'overall'; await detector.overall(slots);
    name = 'details'; await detector.overallDetails(slots[0]!);
    name = 'topics in the window'; await detector.topicsInWindow(slots[0]!, { complaints: 8, customers: 10 });
    name = 'topic baselines'; await detector.topicSamples(slots.slice(1), ['小米手环8', '发货', '退款']);
    name = 'terms'; await detector.terms(slots, createTermMatcher(['曝光']));
    name = 'hotspots'; await createHotspotQueries(explaining).ranked({ previousFrom: new Date(ZH_SURGE.getTime() - 2 * DAY), from: new Date(ZH_SURGE.getTime() - DAY), to: ZH_SURGE }, ['complaint', 'question', 'suggestion'], 10);
    const nodes = (plan: Plan): Plan[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];
    for (const { name: query, plan } of plans) {
      const all = nodes(plan);
      const seq = all.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']);
      expect(seq, `${query}: sequential scans`).toEqual([]);
      expect(all.some((n) => /Index/.test(n['Node Type'])), `${query}: uses an index`).toBe(true);
    }
    figures.indexes = Object.fromEntries(plans.map(({ name: query, plan }) => [query, [...new Set(nodes(plan).map((n) => n['Index Name']).filter(Boolean))]]));
  });

  it('alert events reach the change feed, with no ticket', async () => {
    const res = await h.http.get('/v1/events').query({ types: 'alert.raised,alert.escalated,alert.resolved', limit: 100 }).set(h.auth).expect(200);
    const events = res.body.data as { type: string; ticketId: string | null; data: { alert: { subject: string } } }[];
    expect(events.filter((e) => e.type === 'alert.raised').map((e) => e.data.alert.subject)).toEqual(['小米手环8', 'Acme X200']);
    expect(events.filter((e) => e.type === 'alert.resolved')).toHaveLength(2);
    expect(events.every((e) => e.ticketId === null)).toBe(true);
  });
});
