import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { agents } from '../agents/agents.table.ts';

/**
 * Helpdesk sign-ins. The cookie carries 32 random bytes; only their SHA-256 is stored, so a copy
 * of this table signs nobody in. Sessions last a fixed 12 hours from sign-in (one shift).
 */
export const agentSessions = pgTable('agent_sessions', {
  id: text('id').primaryKey(),
  tokenHash: text('token_hash').notNull(),
  agentId: text('agent_id').notNull().references(() => agents.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
}, (t) => [
  uniqueIndex('agent_sessions_token_hash_key').on(t.tokenHash),
  index('agent_sessions_agent_id_idx').on(t.agentId),
  index('agent_sessions_expires_at_idx').on(t.expiresAt),
]);
