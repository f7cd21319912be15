import { pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { agents } from '../agents/agents.table.ts';

/** Keys are stored as a SHA-256 of the secret: they are long random strings, so a slow hash adds nothing. */
export const apiKeys = pgTable('api_keys', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  secretHash: text('secret_hash').notNull(),
  /** The first characters of the key, shown in lists so people can tell keys apart. */
  hint: text('hint').notNull(),
  scopes: text('scopes').array().notNull(),
  agentId: text('agent_id').references(() => agents.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
}, (t) => [uniqueIndex('api_keys_secret_hash_key').on(t.secretHash)]);
