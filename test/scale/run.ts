// `npm run test:scale`: two API processes and two worker processes (the production entry points)
// against one real Postgres and one real Redis, on loopback.
// 1. 10,000 inquiries spread over both APIs, with redeliveries (the same external id again, to the
//    other API, some at the same moment) and concurrent follow-ups in the same threads.
// 2. A rolling restart under load: SIGTERM and restart API 1, API 2, worker 1, worker 2 in turn.
// Then, in Postgres: no duplicate ticket, message or customer; every SLA warning and breach once per
// target; every webhook delivery received once per webhook-id; a live-stream client of either API
// saw every ticket; no job stalled (abandoned mid-run, so run again) or failed; every shutdown
// clean and within its bound. Prints the figures; exits 1 on a failed check.
import pg from 'pg';
import { QueueEvents } from 'bullmq';
import { SHUTDOWN_TIMEOUT_MS, startCluster } from './cluster.ts';
import { createIntakeClient, planThreads, runThreads, startCountingReceiver, startStreamClient, type Thread } from './traffic.ts';
import { verifyRun } from './verify.ts';
import { SLA_QUEUE } from '../../src/modules/sla/sla.queue.ts';
import { WEBHOOKS_QUEUE } from '../../src/modules/webhooks/webhooks.queue.ts';
import { CSAT_QUEUE } from '../../src/modules/csat/csat.queue.ts';
import { TOPICS_QUEUE } from '../../src/modules/topics/topics.queue.ts';
import { MAINTENANCE_QUEUE } from '../../src/modules/maintenance/maintenance.worker.ts';
import { CRISIS_QUEUE } from '../../src/modules/alerts/alerts.queue.ts';
import { BULK_QUEUE } from '../../src/modules/tickets/bulk-jobs.ts';

const MESSAGES = Number(process.env.SCALE_MESSAGES ?? 10_000);
const CONCURRENCY = Number(process.env.SCALE_CONCURRENCY ?? 32);
const ROLLING_CONCURRENCY = 8;
const TIME_BOUND_MS = Number(process.env.SCALE_TIME_BOUND_S ?? 300) * 1_000;
const QUEUES = [SLA_QUEUE, WEBHOOKS_QUEUE, CSAT_QUEUE, TOPICS_QUEUE, MAINTENANCE_QUEUE, CRISIS_QUEUE, BULK_QUEUE, 'reports-backfill'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const out = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const started = Date.now();
out('starting Postgres, Redis, two API and two worker processes…');
const receiver = await startCountingReceiver();
const cluster = await startCluster({ apis: 2, workers: Number(process.env.SCALE_WORKERS ?? 2), webhookHosts: '127.0.0.1' });
const urls = cluster.apis.map((slot) => slot.url!);
const db = new pg.Pool({ connectionString: cluster.databaseUrl, max: 3 });
out(`  up in ${seconds(Date.now() - started)}: api ${urls.join(', ')}`);

// A job that stalls was taken by a worker that went away mid-job: BullMQ runs it again.
const jobTrouble = { stalled: 0, failed: 0, samples: [] as string[] };
const queueEvents = QUEUES.map((name) => {
  const events = new QueueEvents(name, { connection: { url: cluster.redisUrl }, prefix: cluster.prefix });
  events.on('stalled', ({ jobId }) => (jobTrouble.stalled++, jobTrouble.samples.push(`${name} ${jobId} stalled`)));
  events.on('failed', ({ jobId, failedReason }) => (jobTrouble.failed++, jobTrouble.samples.push(`${name} ${jobId} failed: ${failedReason}`)));
  events.on('error', () => undefined);
  return events;
});
await Promise.all(queueEvents.map((e) => e.waitUntilReady()));

const api = (i: number, path: string, body: unknown) =>
  fetch(`${urls[i]}${path}`, { method: 'POST', headers: { authorization: `Bearer ${cluster.adminKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
// The policy through API 1, the webhook through API 2: each must reach the other processes.
// Warned at 3 s, breached at 10 s: a warning still unsent when its breach fires is dropped by
// design ("nothing left to warn about"), so the gap is what warning lateness may reach.
const policyRes = await api(0, '/v1/sla-policies', { name: 'Scale: ten seconds', position: 0, targets: [{ metric: 'first_response', within: 'PT10S' }], warning: { percent: 30 } });
if (policyRes.status !== 201) throw new Error(`SLA policy: ${policyRes.status} ${await policyRes.text()}`);
const policy = (await policyRes.json()) as { id: string };
const hookRes = await api(1, '/v1/webhooks', { url: receiver.url, events: ['ticket.created', 'sla.breached'] });
if (hookRes.status !== 201) throw new Error(`webhook: ${hookRes.status} ${await hookRes.text()}`);
const endpoint = (await hookRes.json()) as { id: string };
await sleep(2_500); // API 2's policy cache (2 s) has seen the new policy

const streams = [
  { name: 'A (api 1 first)', client: startStreamClient(urls, 0, cluster.adminKey) },
  { name: 'B (api 2 first)', client: startStreamClient(urls, 1, cluster.adminKey) },
];
await sleep(500);

const intake = createIntakeClient(urls, cluster.adminKey);
const sentThreads: Thread[] = [];
const source = (threads: Thread[]) => {
  let i = 0;
  return () => {
    const thread = threads[i++];
    if (thread) sentThreads.push(thread);
    return thread;
  };
};

// 1. Scale: 10,000 inquiries over both APIs.
out(`- ${MESSAGES} inquiries over both APIs, ${CONCURRENCY} threads at a time…`);
const phase1At = Date.now();
await runThreads(intake, source(planThreads('scale', 0, MESSAGES)), CONCURRENCY).done;
const phase1Ms = Date.now() - phase1At;
const phase1Deliveries = intake.answers.length;
out(`  ${phase1Deliveries} deliveries in ${seconds(phase1Ms)} (${Math.round(phase1Deliveries / (phase1Ms / 1000))}/s)`);

// 2. A rolling restart under load.
out('- rolling restart under load: api 1, api 2, worker 1, worker 2');
const rolling = runThreads(intake, source(planThreads('roll', 0, 100_000)), ROLLING_CONCURRENCY);
const restarts: string[] = [];
for (const slot of process.env.SCALE_ROLLING === '0' ? [] : [...cluster.apis, ...cluster.workers]) {
  await sleep(2_000);
  const r = await cluster.restart(slot);
  restarts.push(`${slot.name} at ${new Date(Date.now() - r.downMs).toISOString()}: SIGTERM → exit ${r.code} in ${r.ms} ms, serving again after ${r.downMs} ms`);
  out(`  ${restarts.at(-1)}`);
}
await sleep(2_000);
await rolling.stop();
const rollingDeliveries = intake.answers.length - phase1Deliveries;
out(`  ${rollingDeliveries} deliveries during the rolling restart`);

// Settle: every timer fires (nobody answers, so each target breaches), every delivery is sent.
const settleAt = Date.now();
async function until(what: string, sql: string, ms: number) {
  const deadline = Date.now() + ms;
  for (;;) {
    const { rows } = await db.query<{ n: number }>(sql);
    if (rows[0]!.n === 0) return;
    if (Date.now() > deadline) return out(`  still ${rows[0]!.n} ${what} after ${seconds(ms)}`);
    await sleep(250);
  }
}
await until('active SLA targets', `SELECT count(*)::int AS n FROM sla_targets WHERE status = 'active'`, 30_000);
await until('pending webhook deliveries', `SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending'`, 30_000);
const { rows: ticketCount } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets');
for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(200)) {
  if (streams.every((s) => s.client.seen.size >= ticketCount[0]!.n)) break;
}
out(`  settled in ${seconds(Date.now() - settleAt)}`);
for (const s of streams) await s.client.stop();

const verdict = await verifyRun({
  db,
  threads: sentThreads,
  answers: intake.answers,
  policyId: policy.id,
  endpointId: endpoint.id,
  received: receiver.byId,
  streams: streams.map((s) => ({ name: s.name, seen: s.client.seen, served: s.client.served })),
});

// Jobs and shutdowns.
verdict.report.push(
  `  streams       reconnects: ${streams.map((s) => `${s.name.slice(0, 1)} ${s.client.reconnects} (${s.client.endedByServer} ended by a shutdown)`).join(', ')}`,
  `  jobs          ${jobTrouble.stalled} stalled (taken again after a worker left), ${jobTrouble.failed} failed`,
  `  answers       ${[...intake.statuses].sort().map(([k, v]) => `${k}: ${v}`).join(', ')}`,
  '  rolling restart:',
  ...restarts.map((r) => `    ${r}`),
);
for (const s of jobTrouble.samples.slice(0, 5)) verdict.report.push(`    ${s}`);
if (jobTrouble.stalled) verdict.failures.push(`${jobTrouble.stalled} jobs stalled: run twice`);
if (jobTrouble.failed) verdict.failures.push(`${jobTrouble.failed} jobs failed`);
const slots = [...cluster.apis, ...cluster.workers];
for (const slot of slots) {
  for (const s of slot.shutdowns) {
    if (s.code !== 0) verdict.failures.push(`${slot.name} exited ${s.code} on SIGTERM`);
    if (s.ms >= SHUTDOWN_TIMEOUT_MS) verdict.failures.push(`${slot.name} took ${s.ms} ms to shut down`);
  }
}
const { warnings, errors } = cluster.problems();
const distinct = (lines: string[]) => [...new Map(lines.map((l) => [l, lines.filter((x) => x === l).length]))].map(([l, n]) => `${l}${n > 1 ? ` (×${n})` : ''}`);
verdict.report.push(`  logs          ${warnings.length} lines at warn or above, ${errors.length} at error or above`);
for (const line of distinct(warnings).slice(0, 8)) verdict.report.push(`    ${line}`);
if (errors.length) verdict.failures.push(`${errors.length} log lines at error or above`);

await Promise.all(queueEvents.map((e) => e.close()));
await db.end();
const stopAt = Date.now();
const finalStops = await cluster.stop();
await receiver.close();
verdict.report.push(`  final stop    ${finalStops.map((s) => `${s.name} exit ${s.code}`).join(', ')}; all in ${Date.now() - stopAt} ms`);
for (const s of finalStops) if (s.code !== 0) verdict.failures.push(`${s.name} exited ${s.code} on the final SIGTERM`);
const totalMs = Date.now() - started;
if (totalMs > TIME_BOUND_MS) verdict.failures.push(`the run took ${seconds(totalMs)}, over its bound of ${seconds(TIME_BOUND_MS)}`);

out('\nscale run');
for (const line of verdict.report) out(line);
out(`\n${verdict.failures.length === 0 ? 'all scale checks passed' : `FAILED:\n  ${verdict.failures.join('\n  ')}`} (${seconds(totalMs)})`);
process.exit(verdict.failures.length === 0 ? 0 : 1);
