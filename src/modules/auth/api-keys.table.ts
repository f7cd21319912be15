import { pgTable, text, timestamp, uniqueIndex, integer } from 'drizzle-orm/pg-core';
import { agents } from '../agents/agents.table.ts';

/** Keys are stored as a SHA-256 of the secret: they are long random strings, so a slow hash adds nothing. */
export const apiKeys = pgTable('api_keys', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  secretHash: text('secret_hash').notNull(),
  /** `…` and the key's last 4 characters, shown in lists so people can tell keys apart. */
  hint: text('hint').notNull(),
  scopes: text('scopes').array().notNull(),
  agentId: text('agent_id').references(() => agents.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  /**
   * Where the key came from: `api` (POST /v1/api-keys), `env` (ADMIN_API_KEY: revoked at the
   * first start without it) or `generated` (printed once on a first start without ADMIN_API_KEY).
   */
  /** Requests per minute for this key; null: the deployment's RATE_LIMIT_PER_MINUTE. */
  rateLimitPerMinute: integer('rate_limit_per_minute'),
  origin: text('origin', { enum: ['api', 'env', 'generated'] }).notNull().default('api'),
}, (t) => [uniqueIndex('api_keys_secret_hash_key').on(t.secretHash)]);
