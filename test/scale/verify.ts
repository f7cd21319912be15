import type pg from 'pg';
import type { Answer, Thread } from './traffic.ts';

export interface Verdict {
  report: string[];
  failures: string[];
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const count = (rows: { n: number }[]) => rows[0]!.n;

/**
 * What the clients were told against what Postgres holds: every message once, every thread one
 * ticket, every customer one record; every SLA warning and breach once per target; every webhook
 * delivery received once per webhook-id; every live stream saw every ticket, through either API.
 */
export async function verifyRun(input: {
  db: pg.Pool;
  threads: Thread[];
  answers: Answer[];
  policyId: string;
  endpointId: string;
  received: Map<string, number>;
  streams: { name: string; seen: Map<string, number>; served: number[] }[];
}): Promise<Verdict> {
  const { db, threads, answers } = input;
  const report: string[] = [];
  const failures: string[] = [];
  const messages = threads.flatMap((t) => t.messages);
  const customers = new Set(messages.map((m) => m.customer));

  // 1. The answers: 200 or 201 only; one message per external id, one ticket per thread.
  const bad = answers.filter((a) => a.status !== 200 && a.status !== 201);
  const byExternal = new Map<string, Set<string>>();
  const byThread = new Map<string, Set<string>>();
  for (const a of answers) {
    if (!a.messageId) continue;
    byExternal.set(a.externalId, (byExternal.get(a.externalId) ?? new Set()).add(a.messageId));
    byThread.set(a.threadId, (byThread.get(a.threadId) ?? new Set()).add(a.ticketId!));
  }
  const outcomes = new Map<string, number>();
  for (const a of answers) outcomes.set(a.outcome ?? String(a.status), (outcomes.get(a.outcome ?? String(a.status)) ?? 0) + 1);
  const twoMessages = [...byExternal.values()].filter((ids) => ids.size > 1).length;
  const splitThreads = [...byThread.values()].filter((ids) => ids.size > 1).length;
  const unanswered = messages.filter((m) => !byExternal.has(m.externalId)).length;
  report.push(
    `  deliveries    ${answers.length} (${messages.length} messages in ${threads.length} threads of ${customers.size} customers, ${answers.length - messages.length} redeliveries)`,
    `  outcomes      ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}; failovers ${answers.reduce((s, a) => s + a.failovers, 0)}`,
  );
  for (const a of bad.slice(0, 5)) report.push(`    odd answer ${a.status}: ${a.sample ?? ''}`);
  if (bad.length) failures.push(`${bad.length} deliveries not answered 200/201`);
  if (unanswered) failures.push(`${unanswered} messages never acknowledged`);
  if (twoMessages) failures.push(`${twoMessages} external ids answered with two different messages`);
  if (splitThreads) failures.push(`${splitThreads} threads answered with two different tickets`);

  // 2. Postgres: no duplicate message, ticket or customer; nothing acknowledged is missing.
  const externalIds = messages.map((m) => m.externalId);
  const threadIds = threads.map((t) => t.id);
  const [msgRows, dupMsgs, ticketRows, dupTickets, customerRows, dupIdentities] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM messages WHERE channel = 'wechat' AND external_id = ANY($1)`, [externalIds]),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM messages WHERE external_id = ANY($1) GROUP BY channel, external_id HAVING count(*) > 1) d`, [externalIds]),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tickets WHERE thread_id = ANY($1)`, [threadIds]),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM tickets WHERE thread_id = ANY($1) GROUP BY channel, thread_id HAVING count(*) > 1) d`, [threadIds]),
    db.query<{ n: number }>(`SELECT count(DISTINCT customer_id)::int AS n FROM tickets WHERE thread_id = ANY($1)`, [threadIds]),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM customer_identities WHERE kind = 'external_id' AND value = ANY($1) GROUP BY channel, value HAVING count(DISTINCT customer_id) > 1) d`,
      [[...customers]],
    ),
  ]);
  const ackedIds = [...new Set(answers.flatMap((a) => (a.messageId ? [a.messageId] : [])))];
  const ackedFound = count((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM messages WHERE id = ANY($1)', [ackedIds])).rows);
  report.push(
    `  Postgres      ${count(msgRows.rows)} messages, ${count(ticketRows.rows)} tickets, ${count(customerRows.rows)} customers; duplicates: ${count(dupMsgs.rows)} messages, ${count(dupTickets.rows)} threads, ${count(dupIdentities.rows)} customer identities`,
  );
  if (count(msgRows.rows) !== messages.length) failures.push(`${count(msgRows.rows)} messages in Postgres for ${messages.length} sent`);
  if (count(ticketRows.rows) !== threads.length) failures.push(`${count(ticketRows.rows)} tickets in Postgres for ${threads.length} threads`);
  if (count(customerRows.rows) !== customers.size) failures.push(`${count(customerRows.rows)} customers in Postgres for ${customers.size}`);
  if (count(dupMsgs.rows) || count(dupTickets.rows) || count(dupIdentities.rows)) failures.push('duplicate messages, tickets or customer identities');
  if (ackedFound !== ackedIds.length) failures.push(`${ackedIds.length - ackedFound} acknowledged messages missing`);

  // 3. SLA: every ticket under the test policy (both APIs saw it); every warning and breach once.
  const { rows: targets } = await db.query<{ id: string; ticket_id: string; policy_id: string | null; due_at: Date; warn_at: Date | null; status: string }>(
    `SELECT s.id, s.ticket_id, s.policy_id, s.due_at, s.warn_at, s.status FROM sla_targets s JOIN tickets t ON t.id = s.ticket_id
     WHERE t.thread_id = ANY($1) AND s.metric = 'first_response' ORDER BY s.warn_at`,
    [threadIds],
  );
  const otherPolicy = targets.filter((t) => t.policy_id !== input.policyId).length;
  const { rows: fired } = await db.query<{ type: string; target_id: string; n: number; first_at: Date }>(
    `SELECT type, data->>'targetId' AS target_id, count(*)::int AS n, min(created_at) AS first_at
     FROM events WHERE type IN ('sla.warning', 'sla.breached') GROUP BY 1, 2`,
  );
  const firedOf = (type: string) => new Map(fired.filter((f) => f.type === type).map((f) => [f.target_id, f]));
  const breaches = firedOf('sla.breached');
  const warnings = firedOf('sla.warning');
  const breachLate: number[] = [];
  const warnLate: number[] = [];
  let missingBreach = 0;
  let missingWarning = 0;
  for (const t of targets) {
    const b = breaches.get(t.id);
    if (!b || t.status !== 'breached') missingBreach++;
    else breachLate.push(b.first_at.getTime() - t.due_at.getTime());
    const w = warnings.get(t.id);
    if (!w) missingWarning++;
    else if (t.warn_at) warnLate.push(w.first_at.getTime() - t.warn_at.getTime());
  }
  const twice = fired.filter((f) => f.n > 1).length;
  const unwarned = targets.filter((t) => !warnings.has(t.id) && t.warn_at);
  if (unwarned.length) {
    const breachedAt = (t: (typeof targets)[number]) => breaches.get(t.id)?.first_at.getTime() ?? NaN;
    report.push(
      `    unwarned: warn_at ${unwarned[0]!.warn_at!.toISOString()} … ${unwarned.at(-1)!.warn_at!.toISOString()}; breached ${unwarned
        .slice(0, 5)
        .map((t) => `${breachedAt(t) - t.warn_at!.getTime()} ms after warn_at`)
        .join(', ')}`,
    );
    const threadOfTicket = new Map(answers.filter((a) => a.ticketId).map((a) => [a.ticketId!, a.threadId]));
    const threadById = new Map(threads.map((t) => [t.id, t]));
    const kinds = new Map<string, number>();
    for (const t of unwarned) {
      const thread = threadById.get(threadOfTicket.get(t.ticket_id) ?? '');
      const kind = thread ? `size ${thread.messages.length}${thread.concurrentOpen ? ' concurrent' : ''}${thread.redeliver.size ? ' redelivered' : ''}` : 'unknown';
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    const { rows: detail } = await db.query<{ warned: number; n: number; created_gap: number }>(
      `SELECT (warned_at IS NOT NULL)::int AS warned, count(*)::int AS n, avg(extract(epoch FROM warn_at - created_at) * 1000)::int AS created_gap
       FROM sla_targets WHERE id = ANY($1) GROUP BY 1`,
      [unwarned.map((t) => t.id)],
    );
    report.push(`    unwarned rows: ${detail.map((d) => `warned_at ${d.warned ? 'set' : 'null'}: ${d.n} (warn_at − created_at avg ${d.created_gap} ms)`).join(', ')}`);
    report.push(`    unwarned by thread: ${[...kinds].map(([k, v]) => `${k}: ${v}`).join(', ')}`);
  }
  report.push(
    `  SLA           ${targets.length} targets (${otherPolicy} not under the test policy): ${breaches.size} breached, ${warnings.size} warned; ${missingBreach} breaches and ${missingWarning} warnings missing, ${twice} fired twice`,
    `  lateness ms   breach p50 ${percentile(breachLate, 50)} p99 ${percentile(breachLate, 99)} max ${Math.max(0, ...breachLate)}; warning p50 ${percentile(warnLate, 50)} p99 ${percentile(warnLate, 99)} max ${Math.max(0, ...warnLate)}`,
  );
  if (targets.length !== threads.length) failures.push(`${targets.length} first-response targets for ${threads.length} tickets`);
  if (otherPolicy) failures.push(`${otherPolicy} tickets not under the test policy (a stale policy cache?)`);
  if (missingBreach || missingWarning) failures.push(`${missingBreach} breaches and ${missingWarning} warnings never fired`);
  if (twice) failures.push(`${twice} SLA timers fired twice`);

  // 4. Webhooks: every delivery delivered, each webhook-id received exactly once.
  const { rows: deliveries } = await db.query<{ id: string; status: string; attempts: number }>(
    'SELECT id, status, attempts FROM webhook_deliveries WHERE endpoint_id = $1',
    [input.endpointId],
  );
  const undelivered = deliveries.filter((d) => d.status !== 'delivered').length;
  const known = new Set(deliveries.map((d) => d.id));
  const receivedTwice = [...input.received.values()].filter((n) => n > 1).length;
  const strangers = [...input.received.keys()].filter((id) => !known.has(id)).length;
  const notReceived = deliveries.filter((d) => !input.received.has(d.id)).length;
  const retried = deliveries.filter((d) => d.attempts > 1).length;
  report.push(
    `  webhooks      ${deliveries.length} deliveries, ${undelivered} not delivered, ${retried} retried; received ${input.received.size} ids, ${receivedTwice} twice, ${notReceived} never, ${strangers} unknown`,
  );
  if (undelivered || notReceived) failures.push(`${undelivered} webhook deliveries not delivered, ${notReceived} never received`);
  if (receivedTwice) failures.push(`${receivedTwice} webhook ids received more than once`);
  if (strangers) failures.push(`${strangers} webhook ids received that Postgres does not know`);

  // 5. Live streams: each client saw every ticket once, whichever API opened it and served it.
  const { rows: tickets } = await db.query<{ id: string }>('SELECT id FROM tickets WHERE thread_id = ANY($1)', [threadIds]);
  const openedVia = new Map<string, number>();
  for (const a of answers) if (a.outcome === 'opened') openedVia.set(a.ticketId!, a.api);
  for (const stream of input.streams) {
    const missed = tickets.filter((t) => !stream.seen.has(t.id)).length;
    const dup = [...stream.seen.values()].filter((n) => n > 1).length;
    const viaOther = tickets.filter((t) => stream.seen.has(t.id) && openedVia.get(t.id) !== undefined).reduce((acc, t) => {
      const api = openedVia.get(t.id)!;
      acc[api] = (acc[api] ?? 0) + 1;
      return acc;
    }, [] as number[]);
    report.push(
      `  stream ${stream.name}  saw ${stream.seen.size} of ${tickets.length} tickets (opened via api 1: ${viaOther[0] ?? 0}, via api 2: ${viaOther[1] ?? 0}), ${missed} missed, ${dup} twice; served by api 1: ${stream.served[0]}, api 2: ${stream.served[1]}`,
    );
    if (missed) failures.push(`stream ${stream.name} missed ${missed} tickets`);
    if (dup) failures.push(`stream ${stream.name} saw ${dup} tickets twice`);
  }
  return { report, failures };
}
