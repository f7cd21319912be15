import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Who read or changed what, from where, when, and how it ended: apart from the ticket timeline
 * (which is the ticket's story, shown to agents), this is the operator's record for PIPL/GDPR
 * accountability. Append-only: a trigger (migration 0018) refuses DELETE and TRUNCATE, and any
 * UPDATE except the one that seals a pending row's outcome (`status`, and `resource_id` of a
 * create). Ids only: no names, emails, bodies or query strings.
 */
export const auditLog = pgTable('audit_log', {
  id: text('id').primaryKey(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  /** `api_key`, `agent` (a helpdesk session, or a key acting for an agent) or `system`. */
  actorType: text('actor_type', { enum: ['api_key', 'agent', 'system'] }).notNull(),
  /** The agent id for `agent`, the key id for `api_key`, null for `system`. */
  actorId: text('actor_id'),
  /** The key the request came with, when it came with one (also for a key acting for an agent). */
  apiKeyId: text('api_key_id'),
  /** `read`, `create`, `update` or `delete`. */
  kind: text('kind', { enum: ['read', 'create', 'update', 'delete'] }).notNull(),
  /** `customers.read`, `tickets.messages.create`, `webhooks.rotate-secret` … */
  action: text('action').notNull(),
  /** The resource family: `customers`, `tickets`, `api-keys` … */
  resource: text('resource').notNull(),
  /** The resource's id; null for a list or a create that failed. */
  resourceId: text('resource_id'),
  method: text('method'),
  /** The route pattern (`/v1/customers/:id`), never the raw URL (its query may hold a search term). */
  route: text('route'),
  /** The HTTP status answered; null while a change is in flight, or when the process stopped before it answered. */
  status: integer('status'),
  ip: text('ip'),
  /** Product tokens of the User-Agent only (`curl/8.5.0`), without the comments that fingerprint a device. */
  userAgent: text('user_agent'),
  requestId: text('request_id'),
}, (t) => [
  index('audit_log_at_idx').on(t.at, t.id),
  index('audit_log_actor_idx').on(t.actorId, t.at),
  index('audit_log_key_idx').on(t.apiKeyId, t.at),
  index('audit_log_resource_idx').on(t.resource, t.resourceId, t.at),
  index('audit_log_action_idx').on(t.action, t.at),
]);

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = typeof auditLog.$inferInsert;
