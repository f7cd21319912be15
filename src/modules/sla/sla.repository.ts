import { and, asc, eq, inArray, isNull, lte, max, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { slaPauses, slaPolicies, slaTargets, ticketSlaDue } from './sla.tables.ts';
import { insertEventsFrom } from '../events/events.repository.ts';

/**
 * A target still owed to the customer: running, or breached by its timer and not yet answered.
 * The queue by urgency (ticket_sla_due) orders tickets by the earliest of these deadlines, so an
 * overdue ticket stays on top instead of dropping out when its timer fires.
 */
const owed = sql.raw(`(s.status = 'active' OR (s.status = 'breached' AND s.completed_at IS NULL))`);

/** `sla.breached` / `sla.warning` data (the catalogue's SlaTimerData) built from a target's columns. */
const timerEventData = sql.raw(`jsonb_build_object('targetId', id, 'metric', metric, 'cycle', cycle, 'policyId', policy_id,
  'dueAt', to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`);

/** Which timer a batch fires: the column it is due by, what "still to fire" means, and the policy escalations that need the one-by-one path. */
interface TimerKind {
  at: SQL;
  pending: SQL;
  escalations: 'onBreach' | 'onWarning';
}
const BREACH_TIMERS: TimerKind = { at: sql.raw('t.due_at'), pending: sql.raw(`t.status = 'active'`), escalations: 'onBreach' };
const WARNING_TIMERS: TimerKind = { at: sql.raw('t.warn_at'), pending: sql.raw(`t.status = 'active' AND t.warned_at IS NULL`), escalations: 'onWarning' };

/**
 * The CTEs `mine`, `others` and `due` of a timer storm: the given target and up to `limit` others
 * due, locked (`SKIP LOCKED`: another worker's rows are its own), without those whose policy
 * escalates on this timer. The others come straight off the partial index on the timer's column,
 * earliest first; starting near this timer's own time skips the entries of targets fired a moment
 * ago (dead until vacuum).
 */
function claimDue(kind: TimerKind, firstId: string, from: Date, now: Date, limit: number): SQL {
  return sql`mine AS (
          SELECT t.id FROM sla_targets t
          WHERE t.id = ${firstId} AND ${kind.pending} AND ${kind.at} <= ${now}
          FOR UPDATE SKIP LOCKED
        ), others AS (
          SELECT t.id FROM sla_targets t
          WHERE ${kind.pending} AND ${kind.at} >= ${from} AND ${kind.at} <= ${now}
          ORDER BY ${kind.at}
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        ), due AS (
          SELECT DISTINCT c.id FROM (SELECT id FROM mine UNION ALL SELECT id FROM others) c
          JOIN sla_targets t ON t.id = c.id
          WHERE NOT EXISTS (SELECT 1 FROM sla_policies p WHERE p.id = t.policy_id AND jsonb_array_length(p.escalations->${sql.raw(`'${kind.escalations}'`)}) > 0)
        )`;
}

export type SlaTargetRow = typeof slaTargets.$inferSelect;
export type SlaPolicyRow = typeof slaPolicies.$inferSelect;

export function createSlaRepository(db: Executor) {
  return {
    async targetsOf(ticketId: string, options: { forUpdate?: boolean } = {}): Promise<SlaTargetRow[]> {
      const query = db.select().from(slaTargets).where(eq(slaTargets.ticketId, ticketId)).orderBy(asc(slaTargets.metric), asc(slaTargets.cycle));
      return options.forUpdate ? query.for('update') : query;
    },
    async targetsOfTickets(ticketIds: string[]): Promise<SlaTargetRow[]> {
      if (ticketIds.length === 0) return [];
      return db.select().from(slaTargets).where(inArray(slaTargets.ticketId, ticketIds)).orderBy(asc(slaTargets.metric), asc(slaTargets.cycle));
    },
    /**
     * The timer's common case in one statement: breach the target if it is still running and due,
     * record the breach event once, and refresh the ticket's next deadline. Nothing when the
     * target was answered, paused, moved or already breached.
     */
    /** Open tickets a policy change may affect (those on a calendar: their targets on it), by id. */
    async ticketsToRecompute(scope: { calendarId?: string | undefined; afterId: string; limit: number }): Promise<string[]> {
      const filter = scope.calendarId
        ? sql`EXISTS (SELECT 1 FROM sla_targets s WHERE s.ticket_id = tickets.id AND s.calendar_id = ${scope.calendarId} AND s.status IN ('active', 'paused'))`
        : sql`status NOT IN ('solved', 'closed')`;
      const result = await db.execute<{ id: string }>(sql`SELECT id FROM tickets WHERE ${filter} AND id > ${scope.afterId} ORDER BY id LIMIT ${scope.limit}`);
      return result.rows.map((row) => row.id);
    },
    async breachIfDue(id: string, now: Date): Promise<{ id: string; ticketId: string; policyId: string | null; warnAt: Date | null; warnedAt: Date | null } | undefined> {
      const result = await db.execute<{ id: string; ticket_id: string; policy_id: string | null; warn_at: string | null; warned_at: string | null }>(sql`
        WITH breached AS (
          UPDATE sla_targets SET status = 'breached', breached_at = due_at, updated_at = ${now}
          WHERE id = ${id} AND status = 'active' AND due_at <= ${now}
          RETURNING id, ticket_id, policy_id, metric, cycle, due_at, warn_at, warned_at
        ), breach_events AS (
          SELECT ticket_id, ${timerEventData} AS data FROM breached
        ), event AS (
          ${insertEventsFrom(sql`breach_events`, { type: 'sla.breached', at: now })}
        )
        -- No change to the ticket's place in the queue by urgency: a breached target is still owed
        -- until answered, and any earlier deadline would have breached first.
        SELECT id, ticket_id, policy_id, warn_at, warned_at FROM breached`);
      const row = result.rows[0];
      if (!row) return undefined;
      return {
        id: row.id,
        ticketId: row.ticket_id,
        policyId: row.policy_id,
        warnAt: row.warn_at ? new Date(row.warn_at) : null,
        warnedAt: row.warned_at ? new Date(row.warned_at) : null,
      };
    },
    /**
     * A timer storm, set-based: breaches up to `limit` due targets in one statement (the given
     * one first), skipping rows another worker holds and targets whose policy escalates on breach
     * (those take the one-by-one path, which runs the escalation). Returns the ids breached.
     */
    async breachDueBatch(firstId: string, dueFrom: Date, now: Date, limit: number): Promise<string[]> {
      const result = await db.execute<{ id: string }>(sql`
        WITH ${claimDue(BREACH_TIMERS, firstId, dueFrom, now, limit)}, breached AS (
          UPDATE sla_targets t SET status = 'breached', breached_at = t.due_at, updated_at = ${now}
          FROM due WHERE t.id = due.id
          RETURNING t.id, t.ticket_id, t.policy_id, t.metric, t.cycle, t.due_at
        ), breach_events AS (
          SELECT ticket_id, ${timerEventData} AS data FROM breached
        ), event AS (
          ${insertEventsFrom(sql`breach_events`, { type: 'sla.breached', at: now })}
        )
        -- the queue by urgency is unchanged, as in breachIfDue
        SELECT id FROM breached`);
      return result.rows.map((row) => row.id);
    },
    /**
     * The warning timers' storm, set-based like breaches: warns up to `limit` targets whose
     * warning is due (the given one first) in one statement, each with its `sla.warning` event
     * once, skipping rows another worker holds and targets whose policy escalates on warning (the
     * one-by-one path runs those). One by one, warnings fell behind their breaches under load
     * and a breach that came first left them unsent. Returns the ids warned.
     */
    async warnDueBatch(firstId: string, warnFrom: Date, now: Date, limit: number): Promise<string[]> {
      const result = await db.execute<{ id: string }>(sql`
        WITH ${claimDue(WARNING_TIMERS, firstId, warnFrom, now, limit)}, warned AS (
          UPDATE sla_targets t SET warned_at = ${now}, updated_at = ${now}
          FROM due WHERE t.id = due.id
          RETURNING t.id, t.ticket_id, t.policy_id, t.metric, t.cycle, t.due_at
        ), warning_events AS (
          SELECT ticket_id, ${timerEventData} AS data FROM warned
        ), event AS (
          ${insertEventsFrom(sql`warning_events`, { type: 'sla.warning', at: now })}
        )
        SELECT id FROM warned`);
      return result.rows.map((row) => row.id);
    },
    async find(id: string): Promise<SlaTargetRow | undefined> {
      const [row] = await db.select().from(slaTargets).where(eq(slaTargets.id, id));
      return row;
    },
    async findForUpdate(id: string): Promise<SlaTargetRow | undefined> {
      const [row] = await db.select().from(slaTargets).where(eq(slaTargets.id, id)).for('update');
      return row;
    },
    async insert(rows: (typeof slaTargets.$inferInsert)[]): Promise<SlaTargetRow[]> {
      if (rows.length === 0) return [];
      return db.insert(slaTargets).values(rows).onConflictDoNothing().returning();
    },
    async update(id: string, patch: Partial<typeof slaTargets.$inferInsert>): Promise<SlaTargetRow | undefined> {
      const [row] = await db.update(slaTargets).set(patch).where(eq(slaTargets.id, id)).returning();
      return row;
    },
    async remove(id: string): Promise<void> {
      await db.delete(slaTargets).where(eq(slaTargets.id, id));
    },
    async lastCycle(ticketId: string, metric: SlaTargetRow['metric']): Promise<number> {
      const [row] = await db
        .select({ cycle: max(slaTargets.cycle) })
        .from(slaTargets)
        .where(and(eq(slaTargets.ticketId, ticketId), eq(slaTargets.metric, metric)));
      return row?.cycle ?? 0;
    },
    /** A new ticket's place in the queue: no earlier targets to look at. */
    async setNextDue(ticketId: string, dueAt: Date): Promise<void> {
      await db.insert(ticketSlaDue).values({ ticketId, nextDueAt: dueAt }).onConflictDoUpdate({ target: ticketSlaDue.ticketId, set: { nextDueAt: dueAt } });
    },
    /** Keeps the ticket's place in the queue by urgency equal to its earliest running deadline. */
    async refreshNextDue(ticketId: string): Promise<void> {
      await db.execute(sql`
        WITH next AS (
          SELECT min(s.due_at) AS due FROM sla_targets s
          WHERE s.ticket_id = ${ticketId} AND ${owed}
            -- waiting on the customer: out of the queue, breached or not, until they write
            AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = ${ticketId} AND t.status IN ('pending', 'on_hold'))
        ),
        gone AS (DELETE FROM ticket_sla_due WHERE ticket_id = ${ticketId} AND (SELECT due FROM next) IS NULL)
        INSERT INTO ticket_sla_due (ticket_id, next_due_at) SELECT ${ticketId}, due FROM next WHERE due IS NOT NULL
        ON CONFLICT (ticket_id) DO UPDATE SET next_due_at = excluded.next_due_at`);
    },
    async startPause(targetId: string, id: string, reason: string, at: Date): Promise<void> {
      await db.insert(slaPauses).values({ id, targetId, reason, startedAt: at });
    },
    async endPause(targetId: string, at: Date): Promise<void> {
      await db.update(slaPauses).set({ endedAt: at }).where(and(eq(slaPauses.targetId, targetId), isNull(slaPauses.endedAt)));
    },
    /** Running targets whose deadline (or warning) has passed: what a lost timer would have fired. */
    async overdue(now: Date, limit: number) {
      const breaches = await db
        .select({ id: slaTargets.id })
        .from(slaTargets)
        .where(and(eq(slaTargets.status, 'active'), lte(slaTargets.dueAt, now)))
        .orderBy(asc(slaTargets.dueAt))
        .limit(limit);
      const warnings = await db
        .select({ id: slaTargets.id })
        .from(slaTargets)
        .where(and(eq(slaTargets.status, 'active'), isNull(slaTargets.warnedAt), lte(slaTargets.warnAt, now)))
        .orderBy(asc(slaTargets.warnAt))
        .limit(limit);
      return { breaches: breaches.map((r) => r.id), warnings: warnings.map((r) => r.id) };
    },
    /**
     * Running targets, in pages (for arming timers): optionally only those changed since `since`,
     * and only those with a deadline or an unsent warning in (after, until].
     */
    async running(options: { since?: Date; afterId?: string; limit: number; firesIn?: { after: Date | null; until: Date } }) {
      const window = options.firesIn;
      return db
        .select({ id: slaTargets.id, dueAt: slaTargets.dueAt, warnAt: slaTargets.warnAt, warnedAt: slaTargets.warnedAt })
        .from(slaTargets)
        .where(
          and(
            eq(slaTargets.status, 'active'),
            options.since ? sql`${slaTargets.updatedAt} >= ${options.since}` : undefined,
            window
              ? sql`((${slaTargets.dueAt} <= ${window.until} AND ${window.after === null ? sql`true` : sql`${slaTargets.dueAt} > ${window.after}`})
                  OR (${slaTargets.warnedAt} IS NULL AND ${slaTargets.warnAt} <= ${window.until} AND ${window.after === null ? sql`true` : sql`${slaTargets.warnAt} > ${window.after}`}))`
              : undefined,
            options.afterId ? sql`${slaTargets.id} > ${options.afterId}` : undefined,
          ),
        )
        .orderBy(asc(slaTargets.id))
        .limit(options.limit);
    },
  };
}

export function createPolicyRepository(db: Executor) {
  return {
    /** Whether any policy counts business hours on this calendar (it cannot be deleted then). */
    async namesCalendar(calendarId: string): Promise<boolean> {
      const result = await db.execute(sql`SELECT 1 FROM sla_policies p, jsonb_array_elements(p.targets) t WHERE t->>'calendarId' = ${calendarId} LIMIT 1`);
      return result.rows.length > 0;
    },
    /** The `within` of every policy target that counts business time on this calendar. */
    async businessTargetsOn(calendarId: string): Promise<string[]> {
      const result = await db.execute<{ within: string }>(
        sql`SELECT t->>'within' AS within FROM sla_policies p, jsonb_array_elements(p.targets) t WHERE t->>'calendarId' = ${calendarId} AND (t->>'businessHours')::boolean`,
      );
      return result.rows.map((row) => row.within);
    },
    async all(): Promise<SlaPolicyRow[]> {
      return db.select().from(slaPolicies).orderBy(asc(slaPolicies.position), asc(slaPolicies.id));
    },
    async findById(id: string): Promise<SlaPolicyRow | undefined> {
      const [row] = await db.select().from(slaPolicies).where(eq(slaPolicies.id, id));
      return row;
    },
    async insert(row: typeof slaPolicies.$inferInsert): Promise<SlaPolicyRow> {
      const [inserted] = await db.insert(slaPolicies).values(row).returning();
      return inserted!;
    },
    async update(id: string, set: Partial<typeof slaPolicies.$inferInsert>, expectedVersion?: number): Promise<SlaPolicyRow | undefined> {
      const [row] = await db
        .update(slaPolicies)
        .set({ ...set, version: sql`${slaPolicies.version} + 1` })
        .where(and(eq(slaPolicies.id, id), expectedVersion === undefined ? undefined : eq(slaPolicies.version, expectedVersion)))
        .returning();
      return row;
    },
    async remove(id: string): Promise<boolean> {
      const rows = await db.delete(slaPolicies).where(eq(slaPolicies.id, id)).returning({ id: slaPolicies.id });
      return rows.length > 0;
    },
  };
}

export type SlaRepository = ReturnType<typeof createSlaRepository>;
export type PolicyRepository = ReturnType<typeof createPolicyRepository>;
