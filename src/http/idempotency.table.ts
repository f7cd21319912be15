import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** A write's first answer, kept 24 h so a retried request with the same key gets it again. */
export const idempotencyKeys = pgTable('idempotency_keys', {
  /** Keys are scoped to the caller, so two clients can never see each other's answers. */
  principal: text('principal').notNull(),
  key: text('key').notNull(),
  requestHash: text('request_hash').notNull(),
  /** null while the first request is still running */
  statusCode: integer('status_code'),
  /** The answer's text exactly as sent, as a JSON string (older rows: the parsed JSON). */
  responseBody: jsonb('response_body'),
  responseHeaders: jsonb('response_headers'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
}, (t) => [primaryKey({ columns: [t.principal, t.key] })]);
