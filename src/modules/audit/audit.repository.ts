import { and, desc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { afterPosition, type KeysetPosition } from '../../db/keyset.ts';
import { auditLog, type AuditRow, type NewAuditRow } from './audit.table.ts';

export interface AuditFilters {
  /** An actor's id: an agent (`agt_…`, by session or by a key acting for them) or a key (`key_…`); `system` for the service itself. */
  actor?: string | undefined;
  actions?: string[] | undefined;
  resource?: string | undefined;
  resourceId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** Appends only: nothing here updates or deletes a row except sealing a pending one (the trigger allows nothing else). */
export function createAuditRepository(db: Executor) {
  return {
    async append(rows: NewAuditRow[]): Promise<void> {
      if (rows.length > 0) await db.insert(auditLog).values(rows);
    },
    /** The outcome of a change recorded before it ran. */
    async seal(id: string, status: number, resourceId: string | null): Promise<void> {
      await db
        .update(auditLog)
        .set({ status, ...(resourceId ? { resourceId: sql`coalesce(${auditLog.resourceId}, ${resourceId})` } : {}) })
        .where(and(eq(auditLog.id, id), isNull(auditLog.status)));
    },
    /** Newest first, in (at, id) keyset order; `at` stands in for createdAt. */
    async list(filters: AuditFilters, limit: number, after?: KeysetPosition): Promise<AuditRow[]> {
      const actor = filters.actor;
      return db
        .select()
        .from(auditLog)
        .where(
          and(
            actor === 'system' ? eq(auditLog.actorType, 'system') : actor ? or(eq(auditLog.actorId, actor), eq(auditLog.apiKeyId, actor)) : undefined,
            filters.actions?.length ? inArray(auditLog.action, filters.actions) : undefined,
            filters.resource ? eq(auditLog.resource, filters.resource) : undefined,
            filters.resourceId ? eq(auditLog.resourceId, filters.resourceId) : undefined,
            filters.from ? gte(auditLog.at, filters.from) : undefined,
            filters.to ? lt(auditLog.at, filters.to) : undefined,
            afterPosition(auditLog.at, auditLog.id, after),
          ),
        )
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(limit);
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
