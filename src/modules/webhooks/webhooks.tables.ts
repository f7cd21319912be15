import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const WEBHOOK_STATUSES = ['active', 'paused', 'disabled'] as const;
/** Why an endpoint is not active: paused by a caller, paused for failing, disabled by a 410. */
export const WEBHOOK_STATUS_REASONS = ['requested', 'failing', 'gone'] as const;
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

/**
 * A registered receiver. The signing secrets are stored sealed (AES-256-GCM, see secret-box.ts):
 * the service must know them to sign, so they cannot be hashed. `survey_links`: whether
 * `csat.requested` carries the survey's token and URL here (the creator held `surveys:deliver`).
 */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  description: text('description'),
  /** Event types, or `{*}` for every type. */
  events: text('events').array().notNull(),
  status: text('status', { enum: WEBHOOK_STATUSES }).notNull(),
  statusReason: text('status_reason', { enum: WEBHOOK_STATUS_REASONS }),
  surveyLinks: boolean('survey_links').notNull(),
  secretSealed: text('secret_sealed').notNull(),
  /** The secret before the last rotation: deliveries are signed with both until it expires. */
  previousSecretSealed: text('previous_secret_sealed'),
  previousSecretExpiresAt: ts('previous_secret_expires_at'),
  /** Failed attempts since the last success, and when the first of them was: pausing decides on these. */
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  failingSince: ts('failing_since'),
  lastSuccessAt: ts('last_success_at'),
  createdBy: text('created_by'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
  version: integer('version').notNull().default(1),
});

/**
 * One row per (event, endpoint): the source of truth of what is owed to whom. Its id is the
 * `webhook-id` header of every attempt (derived from the event and endpoint ids, so a relay that
 * runs twice makes no second row). `position` is the relay order: a ticket's deliveries to an
 * endpoint go out in it, each waiting until the earlier ones are delivered or given up. BullMQ
 * jobs only make `next_attempt_at` happen on time; the sweeper re-enqueues what Redis lost.
 */
export const webhookDeliveries = pgTable('webhook_deliveries', {
  id: text('id').primaryKey(),
  position: bigserial('position', { mode: 'number' }).notNull(),
  endpointId: text('endpoint_id').notNull().references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
  /** null for a ping */
  eventId: text('event_id'),
  eventType: text('event_type').notNull(),
  ticketId: text('ticket_id'),
  status: text('status', { enum: DELIVERY_STATUSES }).notNull(),
  attempts: integer('attempts').notNull().default(0),
  /** Failed attempts in the current run of the retry schedule (a redelivery or a resume starts a new run). */
  retryStep: integer('retry_step').notNull().default(0),
  nextAttemptAt: ts('next_attempt_at'),
  /** A sender holds the delivery until then; a crashed one's lease runs out and the sweeper takes over. */
  leaseUntil: ts('lease_until'),
  lastAttemptAt: ts('last_attempt_at'),
  lastStatusCode: integer('last_status_code'),
  lastLatencyMs: integer('last_latency_ms'),
  lastError: text('last_error'),
  lastResponse: text('last_response'),
  deliveredAt: ts('delivered_at'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [
  index('webhook_deliveries_log_idx').on(t.endpointId, t.createdAt, t.id),
  index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
  index('webhook_deliveries_line_idx').on(t.endpointId, t.ticketId, t.position).where(sql`${t.status} = 'pending'`),
  index('webhook_deliveries_settled_idx').on(t.createdAt).where(sql`${t.status} <> 'pending'`),
]);
