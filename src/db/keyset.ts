import { and, eq, lt, or, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

export interface KeysetPosition {
  createdAt: Date;
  id: string;
}

/**
 * Rows strictly after `position` in (created_at DESC, id DESC) order. The pair is unique, so a
 * page boundary never skips or repeats rows, even while new rows are inserted.
 */
export function afterPosition(createdAt: PgColumn, id: PgColumn, position: KeysetPosition | undefined): SQL | undefined {
  if (!position) return undefined;
  return or(lt(createdAt, position.createdAt), and(eq(createdAt, position.createdAt), lt(id, position.id)));
}
