import { and, asc, desc, eq, gte, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { KeysetPosition } from '../../db/keyset.ts';
import type { Actor } from '../events/events.repository.ts';
import { alertChanges, alerts } from './alerts.tables.ts';
import type { AlertState } from './alert-lifecycle.ts';
import type { AlertStatus, Level } from './levels.ts';

export type AlertRow = typeof alerts.$inferSelect;
export type AlertChangeRow = typeof alertChanges.$inferSelect;

export interface AlertFilters {
  status?: AlertStatus[] | undefined;
  level?: Level[] | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export const stateOf = (row: AlertRow): AlertState => ({
  id: row.id,
  kind: row.kind,
  subjectKey: row.subjectKey,
  keys: row.keys,
  level: row.level,
  status: row.status,
  raisedAt: row.raisedAt,
  lastDetectedAt: row.lastDetectedAt,
  pendingLevel: row.pendingLevel,
  pendingSince: row.pendingSince,
  resolvedAt: row.resolvedAt,
  resolution: row.resolution,
});

export function createAlertRepository(db: Executor) {
  return {
    async insert(row: typeof alerts.$inferInsert): Promise<AlertRow> {
      const [inserted] = await db.insert(alerts).values(row).returning();
      return inserted!;
    },
    async update(id: string, set: Partial<typeof alerts.$inferInsert>, options: { bumpVersion?: boolean; expectedVersion?: number } = {}): Promise<AlertRow | undefined> {
      const [row] = await db
        .update(alerts)
        .set({ ...set, ...(options.bumpVersion ? { version: sql`${alerts.version} + 1` } : {}) })
        .where(and(eq(alerts.id, id), options.expectedVersion === undefined ? undefined : eq(alerts.version, options.expectedVersion)))
        .returning();
      return row;
    },
    async recordChange(row: Omit<typeof alertChanges.$inferInsert, 'seq'>): Promise<void> {
      await db.insert(alertChanges).values(row);
    },
    async findById(id: string, options: { forUpdate?: boolean } = {}): Promise<AlertRow | undefined> {
      const query = db.select().from(alerts).where(eq(alerts.id, id));
      const [row] = options.forUpdate ? await query.for('update') : await query;
      return row;
    },
    /** What the detector carries on: open and acknowledged alerts, and those people resolved lately. */
    async forDetection(resolvedSince: Date): Promise<{ active: AlertRow[]; recentlyResolved: AlertRow[] }> {
      const rows = await db
        .select()
        .from(alerts)
        .where(or(ne(alerts.status, 'resolved'), and(eq(alerts.resolution, 'manual'), gte(alerts.resolvedAt, resolvedSince))));
      return { active: rows.filter((r) => r.status !== 'resolved'), recentlyResolved: rows.filter((r) => r.status === 'resolved') };
    },
    async anyForDetection(resolvedSince: Date): Promise<boolean> {
      const rows = await db
        .select({ id: alerts.id })
        .from(alerts)
        .where(or(ne(alerts.status, 'resolved'), and(eq(alerts.resolution, 'manual'), gte(alerts.resolvedAt, resolvedSince))))
        .limit(1);
      return rows.length > 0;
    },
    async list(filters: AlertFilters, limit: number, after?: KeysetPosition): Promise<AlertRow[]> {
      const where: (SQL | undefined)[] = [
        filters.status?.length ? inArray(alerts.status, filters.status) : undefined,
        filters.level?.length ? inArray(alerts.level, filters.level) : undefined,
        filters.from ? gte(alerts.raisedAt, filters.from) : undefined,
        filters.to ? lt(alerts.raisedAt, filters.to) : undefined,
        after ? or(lt(alerts.raisedAt, after.createdAt), and(eq(alerts.raisedAt, after.createdAt), lt(alerts.id, after.id))) : undefined,
      ];
      return db.select().from(alerts).where(and(...where)).orderBy(desc(alerts.raisedAt), desc(alerts.id)).limit(limit);
    },
    async historyOf(ids: string[]): Promise<Map<string, AlertChangeRow[]>> {
      const byAlert = new Map<string, AlertChangeRow[]>(ids.map((id) => [id, []]));
      if (ids.length === 0) return byAlert;
      const rows = await db.select().from(alertChanges).where(inArray(alertChanges.alertId, ids)).orderBy(asc(alertChanges.seq));
      for (const row of rows) byAlert.get(row.alertId)!.push(row);
      return byAlert;
    },
  };
}

export type AlertRepository = ReturnType<typeof createAlertRepository>;
export type { Actor };
