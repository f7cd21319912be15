import type { customerErasures } from './privacy.tables.ts';

export type ErasureRow = typeof customerErasures.$inferSelect;

export function presentErasure(row: ErasureRow) {
  return {
    customerId: row.customerId,
    reason: row.reason,
    erasedBy: { type: row.actorType, id: row.actorId },
    erasedAt: row.erasedAt.toISOString(),
    counts: { tickets: row.tickets, messages: row.messages, identities: row.identities, surveys: row.surveys, events: row.events },
  };
}
