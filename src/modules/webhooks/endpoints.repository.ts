import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { afterPosition, type KeysetPosition } from '../../db/keyset.ts';
import { webhookEndpoints } from './webhooks.tables.ts';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type EndpointChanges = Partial<Omit<typeof webhookEndpoints.$inferInsert, 'id' | 'version'>>;

/** Webhook endpoints: the registrations, and the counters the sender keeps on them. */
export function createEndpointRepository(db: Executor) {
  return {
    async insert(row: typeof webhookEndpoints.$inferInsert): Promise<EndpointRow> {
      const [inserted] = await db.insert(webhookEndpoints).values(row).returning();
      return inserted!;
    },
    async findById(id: string): Promise<EndpointRow | undefined> {
      const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).limit(1);
      return row;
    },
    async list(limit: number, after?: KeysetPosition): Promise<EndpointRow[]> {
      return db
        .select()
        .from(webhookEndpoints)
        .where(afterPosition(webhookEndpoints.createdAt, webhookEndpoints.id, after))
        .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id))
        .limit(limit);
    },
    /** A change the caller sees (a new version); undefined when the row is gone or its version moved on. */
    async update(id: string, set: EndpointChanges, expectedVersion?: number): Promise<EndpointRow | undefined> {
      const [row] = await db
        .update(webhookEndpoints)
        .set({ ...set, version: sql`${webhookEndpoints.version} + 1` })
        .where(and(eq(webhookEndpoints.id, id), expectedVersion === undefined ? undefined : eq(webhookEndpoints.version, expectedVersion)))
        .returning();
      return row;
    },
    async remove(id: string): Promise<boolean> {
      return (await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id })).length > 0;
    },
    /** Endpoints that get new deliveries: active ones, and paused ones (their deliveries wait). */
    async receiving(): Promise<Pick<EndpointRow, 'id' | 'events' | 'status'>[]> {
      return db
        .select({ id: webhookEndpoints.id, events: webhookEndpoints.events, status: webhookEndpoints.status })
        .from(webhookEndpoints)
        .where(inArray(webhookEndpoints.status, ['active', 'paused']));
    },
    /**
     * A success resets the run of failures. Written at most once a minute while nothing failed, so a
     * busy endpoint's deliveries do not all queue on its row (`lastSuccessAt` is to the minute).
     */
    async succeeded(id: string, now: Date): Promise<void> {
      await db
        .update(webhookEndpoints)
        .set({ consecutiveFailures: 0, failingSince: null, lastSuccessAt: now })
        .where(
          and(
            eq(webhookEndpoints.id, id),
            sql`(${webhookEndpoints.consecutiveFailures} > 0 OR ${webhookEndpoints.lastSuccessAt} IS NULL OR ${webhookEndpoints.lastSuccessAt} < ${new Date(now.getTime() - 60_000)})`,
          ),
        );
    },
    async failed(id: string, now: Date): Promise<Pick<EndpointRow, 'consecutiveFailures' | 'failingSince' | 'status'> | undefined> {
      const [row] = await db
        .update(webhookEndpoints)
        .set({ consecutiveFailures: sql`${webhookEndpoints.consecutiveFailures} + 1`, failingSince: sql`COALESCE(${webhookEndpoints.failingSince}, ${now})` })
        .where(eq(webhookEndpoints.id, id))
        .returning({ consecutiveFailures: webhookEndpoints.consecutiveFailures, failingSince: webhookEndpoints.failingSince, status: webhookEndpoints.status });
      return row;
    },
    /** The sender's own status changes (paused for failing, disabled by a 410): only from active. */
    async deactivate(id: string, status: 'paused' | 'disabled', reason: 'failing' | 'gone', now: Date): Promise<boolean> {
      const rows = await db
        .update(webhookEndpoints)
        .set({ status, statusReason: reason, updatedAt: now, version: sql`${webhookEndpoints.version} + 1` })
        .where(and(eq(webhookEndpoints.id, id), reason === 'gone' ? inArray(webhookEndpoints.status, ['active', 'paused']) : eq(webhookEndpoints.status, 'active')))
        .returning({ id: webhookEndpoints.id });
      return rows.length > 0;
    },
  };
}

export type EndpointRepository = ReturnType<typeof createEndpointRepository>;
