import { and, asc, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { KeysetPosition } from '../../db/keyset.ts';
import { events } from '../events/events.table.ts';
import { PING_TYPE, type StoredEvent } from './payload.ts';
import { webhookDeliveries, type DELIVERY_STATUSES } from './webhooks.tables.ts';

export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
/** A delivery a job should try: its id and how many attempts it had (the job id names both). */
export type DueDelivery = Pick<DeliveryRow, 'id' | 'attempts'>;

/** What a sender holds after claiming a delivery: the delivery and what it needs of its endpoint. */
export interface ClaimedDelivery {
  id: string;
  endpointId: string;
  eventId: string | null;
  eventType: string;
  ticketId: string | null;
  /** This attempt's number (the claim counted it). */
  attempts: number;
  retryStep: number;
  createdAt: Date;
  url: string;
  surveyLinks: boolean;
  secretSealed: string;
  previousSecretSealed: string | null;
  previousSecretExpiresAt: Date | null;
}

export interface AttemptRecord {
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  response: string | null;
}

/**
 * Whether `d` is first in its line: no earlier delivery of the same ticket to the same endpoint
 * is still pending. Deliveries without a ticket (pings) have no line.
 */
const firstInLine = sql`(d.ticket_id IS NULL OR NOT EXISTS (
  SELECT 1 FROM webhook_deliveries p
  WHERE p.endpoint_id = d.endpoint_id AND p.ticket_id = d.ticket_id AND p.status = 'pending' AND p.position < d.position))`;

/** Pings go out whatever the endpoint's status (they are how one checks it before resuming). */
const sendable = sql`(e.status = 'active' OR d.event_type = ${PING_TYPE})`;

const date = (value: string | Date | null) => (value === null ? null : new Date(value));

export function createDeliveryRepository(db: Executor) {
  const attemptOf = (id: string, attempts: number) => and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.attempts, attempts), eq(webhookDeliveries.status, 'pending'));

  return {
    /** In relay order (the rows' order here is their `position`); a row that exists already is skipped. */
    async insertMany(rows: (typeof webhookDeliveries.$inferInsert)[]): Promise<Pick<DeliveryRow, 'id' | 'endpointId' | 'attempts'>[]> {
      const inserted: Pick<DeliveryRow, 'id' | 'endpointId' | 'attempts'>[] = [];
      for (let i = 0; i < rows.length; i += 1000) {
        inserted.push(
          ...(await db
            .insert(webhookDeliveries)
            .values(rows.slice(i, i + 1000))
            .onConflictDoNothing()
            .returning({ id: webhookDeliveries.id, endpointId: webhookDeliveries.endpointId, attempts: webhookDeliveries.attempts })),
        );
      }
      return inserted;
    },

    /**
     * Takes a delivery for one attempt when it is due, first in its line, not held by another
     * sender, and its endpoint takes deliveries: counts the attempt and holds it until `leaseUntil`.
     */
    async claim(id: string, now: Date, leaseUntil: Date): Promise<ClaimedDelivery | undefined> {
      const { rows } = await db.execute<Record<string, unknown>>(sql`
        UPDATE webhook_deliveries d
        SET attempts = d.attempts + 1, lease_until = ${leaseUntil}, last_attempt_at = ${now}, updated_at = ${now}
        FROM webhook_endpoints e
        WHERE d.id = ${id} AND e.id = d.endpoint_id AND d.status = 'pending' AND d.next_attempt_at <= ${now}
          AND (d.lease_until IS NULL OR d.lease_until <= ${now}) AND ${sendable} AND ${firstInLine}
        RETURNING d.id, d.endpoint_id, d.event_id, d.event_type, d.ticket_id, d.attempts, d.retry_step, d.created_at,
          e.url, e.survey_links, e.secret_sealed, e.previous_secret_sealed, e.previous_secret_expires_at`);
      const r = rows[0];
      if (!r) return undefined;
      return {
        id: r.id as string,
        endpointId: r.endpoint_id as string,
        eventId: r.event_id as string | null,
        eventType: r.event_type as string,
        ticketId: r.ticket_id as string | null,
        attempts: Number(r.attempts),
        retryStep: Number(r.retry_step),
        createdAt: new Date(r.created_at as string),
        url: r.url as string,
        surveyLinks: r.survey_links as boolean,
        secretSealed: r.secret_sealed as string,
        previousSecretSealed: r.previous_secret_sealed as string | null,
        previousSecretExpiresAt: date(r.previous_secret_expires_at as string | null),
      };
    },

    async findById(id: string): Promise<DeliveryRow | undefined> {
      const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)).limit(1);
      return row;
    },

    /** The attempt succeeded; false when it was no longer this sender's to settle. */
    async delivered(id: string, attempt: number, record: AttemptRecord, now: Date): Promise<boolean> {
      const rows = await db
        .update(webhookDeliveries)
        .set({ ...lastAttempt(record), status: 'delivered', deliveredAt: now, nextAttemptAt: null, leaseUntil: null, updatedAt: now })
        .where(attemptOf(id, attempt))
        .returning({ id: webhookDeliveries.id });
      return rows.length > 0;
    },

    /** The attempt failed: try again at `retryAt` (the `retryStep`-th failure of this run), or give up (null). */
    async failed(id: string, attempt: number, record: AttemptRecord, retry: { at: Date; step: number } | null, now: Date): Promise<boolean> {
      const rows = await db
        .update(webhookDeliveries)
        .set({
          ...lastAttempt(record),
          ...(retry ? { nextAttemptAt: retry.at, retryStep: retry.step } : { status: 'failed' as const, nextAttemptAt: null }),
          leaseUntil: null,
          updatedAt: now,
        })
        .where(attemptOf(id, attempt))
        .returning({ id: webhookDeliveries.id });
      return rows.length > 0;
    },

    /** An endpoint that answered 410 is owed nothing more: what was pending for it is given up. */
    async abandonPending(endpointId: string, reason: string, now: Date): Promise<number> {
      const rows = await db
        .update(webhookDeliveries)
        .set({ status: 'failed', nextAttemptAt: null, leaseUntil: null, lastError: reason, updatedAt: now })
        .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.status, 'pending')))
        .returning({ id: webhookDeliveries.id });
      return rows.length;
    },

    /** A resumed endpoint gets what accumulated at once, each delivery on a fresh retry schedule. */
    async restartPending(endpointId: string, now: Date): Promise<void> {
      await db
        .update(webhookDeliveries)
        .set({ nextAttemptAt: now, retryStep: 0, updatedAt: now })
        .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.status, 'pending')));
    },

    /** Sent again as soon as its line allows, with the same id (so the same `webhook-id`). */
    async redeliver(endpointId: string, id: string, now: Date): Promise<DeliveryRow | undefined> {
      const [row] = await db
        .update(webhookDeliveries)
        .set({ status: 'pending', nextAttemptAt: now, retryStep: 0, updatedAt: now })
        .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.endpointId, endpointId)))
        .returning();
      return row;
    },

    /** Due, first in line, unheld and sendable: what the sweeper (re-)enqueues. */
    async due(dueBefore: Date, now: Date, limit: number, endpointId?: string): Promise<DueDelivery[]> {
      const { rows } = await db.execute<{ id: string; attempts: number }>(sql`
        SELECT d.id, d.attempts FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE d.status = 'pending' AND d.next_attempt_at <= ${dueBefore} AND (d.lease_until IS NULL OR d.lease_until <= ${now})
          AND ${sendable} AND ${firstInLine} ${endpointId ? sql`AND d.endpoint_id = ${endpointId}` : sql``}
        ORDER BY d.next_attempt_at
        LIMIT ${limit}`);
      return rows.map((r) => ({ id: r.id, attempts: Number(r.attempts) }));
    },

    /** The next pending delivery of a ticket to an endpoint, once the one before it is settled. */
    async nextInLine(endpointId: string, ticketId: string): Promise<DueDelivery | undefined> {
      const [row] = await db
        .select({ id: webhookDeliveries.id, attempts: webhookDeliveries.attempts })
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.ticketId, ticketId), eq(webhookDeliveries.status, 'pending')))
        .orderBy(asc(webhookDeliveries.position))
        .limit(1);
      return row;
    },

    /** The log of one endpoint, newest first (keyset on created_at, id). */
    async list(endpointId: string, limit: number, filter: { status?: DeliveryStatus | undefined; after?: KeysetPosition | undefined }): Promise<DeliveryRow[]> {
      const { after, status } = filter;
      return db
        .select()
        .from(webhookDeliveries)
        .where(
          and(
            eq(webhookDeliveries.endpointId, endpointId),
            status ? eq(webhookDeliveries.status, status) : undefined,
            after
              ? or(lt(webhookDeliveries.createdAt, after.createdAt), and(eq(webhookDeliveries.createdAt, after.createdAt), lt(webhookDeliveries.id, after.id)))
              : undefined,
          ),
        )
        .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
        .limit(limit);
    },

    async purgeSettled(before: Date, limit: number): Promise<number> {
      const { rows } = await db.execute<{ id: string }>(sql`
        DELETE FROM webhook_deliveries WHERE id IN (
          SELECT id FROM webhook_deliveries WHERE status <> 'pending' AND created_at < ${before} LIMIT ${limit})
        RETURNING id`);
      return rows.length;
    },

    async event(id: string): Promise<StoredEvent | undefined> {
      const [row] = await db.select().from(events).where(eq(events.id, id)).limit(1);
      if (!row) return undefined;
      return {
        id: row.id,
        type: row.type,
        ticketId: row.ticketId,
        actor: { type: row.actorType, id: row.actorId },
        data: row.data as Record<string, unknown>,
        createdAt: row.createdAt,
      };
    },
  };
}

const lastAttempt = (record: AttemptRecord) => ({
  lastStatusCode: record.statusCode,
  lastLatencyMs: record.latencyMs,
  lastError: record.error,
  lastResponse: record.response,
});

export type DeliveryRepository = ReturnType<typeof createDeliveryRepository>;
