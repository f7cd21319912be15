import type pg from 'pg';
import type { Stack } from './stack.ts';
import type { Ack, Attempt } from './load.ts';

export interface FaultWindow {
  name: string;
  /** What was down: the readiness probe must say so for redis and postgres. */
  dependency: 'redis' | 'postgres' | 'worker' | 'none';
  /** Postgres is up but saturated: /readyz may pass when a connection happens to be free. */
  saturated?: boolean;
  downAt: number;
  /** Back for sure (its restart finished)… */
  upAt: number;
  /** …and certainly down until then (its restart began): /readyz must not say ready before. */
  downUntil: number;
}

/** A timer due in (or just before) an outage fires within this long after the recovery. */
const RECOVERY_BUDGET_MS = 2_000;
/** /readyz checks with a 2 s timeout: it may take that long to notice, and a moment to see it back. */
const READYZ_NOTICE_MS = 2_500;
const READYZ_BACK_MS = 3_000;
/** An odd answer this long after a fault ended is still named after it in the report. */
const SETTLE_NOTE_MS = 3_000;

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

export async function checkRun(input: {
  db: pg.Pool;
  stack: Stack;
  load: { attempts: Attempt[]; acks: Ack[]; sent: number; gaveUp: number };
  probe: { at: number; ready: boolean; failing: string[] }[];
  windows: FaultWindow[];
}) {
  const { db, load, windows } = input;
  const failures: string[] = [];
  const report: string[] = ['', 'fault run'];

  // 1. Acknowledged messages: all in Postgres, once each, and a retry never made a second one.
  const messageIds = [...new Set(load.acks.map((a) => a.messageId))];
  const found = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM messages WHERE id = ANY($1)', [messageIds]);
  const lost = messageIds.length - found.rows[0]!.n;
  const byExternal = new Map<string, Set<string>>();
  for (const a of load.acks) byExternal.set(a.externalId, (byExternal.get(a.externalId) ?? new Set()).add(a.messageId));
  const answeredTwice = [...byExternal.values()].filter((ids) => ids.size > 1).length;
  const dupRows = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT external_id FROM messages WHERE external_id LIKE 'fault-msg-%' GROUP BY channel, external_id HAVING count(*) > 1) d`,
  );
  const dupTickets = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT thread_id FROM tickets WHERE thread_id LIKE 'thread-%' GROUP BY customer_id, channel, thread_id HAVING count(*) > 1) d`,
  );
  const ticketIds = [...new Set(load.acks.map((a) => a.ticketId))];
  const ticketsFound = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets WHERE id = ANY($1)', [ticketIds]);
  const ticketsLost = ticketIds.length - ticketsFound.rows[0]!.n;
  report.push(
    `  intake        ${load.sent} messages sent, ${load.acks.length} acknowledged (${ticketIds.length} tickets), ${load.gaveUp} given up after retries`,
    `  lost          ${lost} messages, ${ticketsLost} tickets acknowledged but not in Postgres`,
    `  duplicated    ${dupRows.rows[0]!.n} messages, ${dupTickets.rows[0]!.n} threads with two tickets, ${answeredTwice} retries answered with another message`,
  );
  if (lost || ticketsLost) failures.push(`${lost} acknowledged messages and ${ticketsLost} tickets lost`);
  if (dupRows.rows[0]!.n || dupTickets.rows[0]!.n || answeredTwice) failures.push('duplicates after retries or redeliveries');

  // 2. Answers: 2xx, or 503 problem+json with Retry-After (or 409 in_flight, the same with a
  // held key); never a 5xx of another kind, never silence.
  const statuses = new Map<string, number>();
  for (const a of load.attempts) statuses.set(String(a.status), (statuses.get(String(a.status)) ?? 0) + 1);
  const bad503 = load.attempts.filter((a) => a.status === 503 && !(a.problemJson && a.retryAfter)).length;
  // A 409 in_flight (problem+json, Retry-After) is the contract's "retry shortly", not a failure:
  // a retry came while an earlier attempt's claim on the key was still held. It is counted, and the
  // message it belongs to must still be acknowledged in the end (else it shows as given up).
  const inFlight = load.attempts.filter((a) => a.inFlight).length;
  const wrong = load.attempts.filter((a) => a.status !== 503 && !a.inFlight && (a.status < 200 || a.status >= 300)).length;
  const during = (at: number) => windows.find((w) => at >= w.downAt - 1_000 && at <= w.upAt + SETTLE_NOTE_MS)?.name ?? 'no fault';
  report.push(`  answers       ${[...statuses].sort().map(([s, n]) => `${s === '0' ? 'none' : s}: ${n}`).join(', ')}${inFlight ? ` (409: ${inFlight} in flight, retried)` : ''}`);
  for (const a of load.attempts.filter((a) => a.sample).slice(0, 5)) report.push(`    odd answer ${a.status} (during ${during(a.at)}): ${a.sample}`);
  if (wrong) failures.push(`${wrong} answers neither 2xx nor 503 (none = no answer within 10 s or connection refused)`);
  if (bad503) failures.push(`${bad503} 503 answers without problem+json and Retry-After`);
  if (input.stack.apiExits) failures.push(`the API process exited ${input.stack.apiExits} time(s)`);

  // 3. SLA breaches: every due target breached exactly once, late only as far as outages explain.
  const { rows: targets } = await db.query<{ id: string; status: string; due_at: Date }>(
    `SELECT id, status, due_at FROM sla_targets WHERE metric = 'first_response' AND due_at < now() - interval '2 seconds'`,
  );
  const { rows: breaches } = await db.query<{ target_id: string; n: number; first_at: Date; due_at: string }>(
    `SELECT data->>'targetId' AS target_id, count(*)::int AS n, min(created_at) AS first_at, min(data->>'dueAt') AS due_at
     FROM events WHERE type = 'sla.breached' GROUP BY 1`,
  );
  const breachOf = new Map(breaches.map((b) => [b.target_id, b]));
  const unfired = targets.filter((t) => t.status !== 'breached' || !breachOf.has(t.id)).length;
  const duplicated = breaches.filter((b) => b.n > 1).length;
  const lateness: number[] = [];
  const overBudget: string[] = [];
  for (const b of breaches) {
    const due = new Date(b.due_at).getTime();
    const firedAt = new Date(b.first_at).getTime();
    lateness.push(firedAt - due);
    // Due during an outage (or just before it, its timer caught in the failure): it may wait for the recovery.
    const outage = windows.find((w) => due >= w.downAt - RECOVERY_BUDGET_MS && due <= w.upAt);
    const allowedFrom = Math.max(due, outage?.upAt ?? due);
    if (firedAt - allowedFrom > RECOVERY_BUDGET_MS) overBudget.push(`${b.target_id} ${firedAt - allowedFrom} ms after ${outage ? `recovery from "${outage.name}"` : 'its deadline'}`);
  }
  report.push(
    `  SLA breaches  ${breaches.length} fired for ${targets.length} due targets; ${unfired} never fired, ${duplicated} fired twice`,
    `  lateness ms   p50 ${percentile(lateness, 50)}  p99 ${percentile(lateness, 99)}  max ${Math.max(0, ...lateness)}  (from the deadline, outages included)`,
    `  after recovery ${overBudget.length} fired later than ${RECOVERY_BUDGET_MS} ms after their deadline or the recovery`,
  );
  if (unfired) failures.push(`${unfired} due SLA targets never breached`);
  if (duplicated) failures.push(`${duplicated} SLA targets breached twice`);
  if (overBudget.length) failures.push(`late breaches: ${overBudget.slice(0, 5).join('; ')}`);

  // 4. Per fault: what the clients saw, and whether /readyz told the truth.
  report.push('  per fault:');
  for (const [i, w] of windows.entries()) {
    const next = windows[i + 1]?.downAt ?? Infinity;
    const during = load.attempts.filter((a) => a.at >= w.downAt && a.at < Math.min(next, w.upAt + 6_000));
    const refused = during.filter((a) => a.status === 503).length;
    let truth = '';
    if (w.dependency === 'redis' || w.dependency === 'postgres') {
      const noticed = input.probe.find((s) => s.at >= w.downAt && !s.ready);
      const back = input.probe.find((s) => s.at >= w.upAt && s.ready);
      const noticeMs = noticed ? noticed.at - w.downAt : null;
      const backMs = back ? back.at - w.upAt : null;
      const lying = input.probe.filter((s) => s.ready && s.at >= w.downAt + READYZ_NOTICE_MS && s.at < w.downUntil).length;
      truth = `; /readyz down after ${noticeMs ?? '—'} ms, ready ${backMs ?? '—'} ms after recovery${lying ? `, said ready ${lying} times while down` : ''}`;
      const outageMs = w.upAt - w.downAt;
      if (outageMs > READYZ_NOTICE_MS && (noticeMs === null || noticeMs > READYZ_NOTICE_MS)) failures.push(`"${w.name}": /readyz did not notice within ${READYZ_NOTICE_MS} ms`);
      if (lying && !w.saturated) failures.push(`"${w.name}": /readyz said ready while ${w.dependency} was down`);
      if (backMs === null || backMs > READYZ_BACK_MS) failures.push(`"${w.name}": /readyz not ready within ${READYZ_BACK_MS} ms of recovery`);
    }
    report.push(`    ${w.name}: down ${w.upAt - w.downAt} ms; ${during.length} requests, ${refused} answered 503${truth}`);
  }
  return { report, failures };
}
