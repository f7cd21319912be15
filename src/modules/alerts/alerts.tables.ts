import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { ALERT_KINDS, ALERT_STATUSES, LEVELS } from './levels.ts';

/**
 * A crisis alert: one per subject while it lasts. Times are detection times (the receivedAt clock
 * the detector ran at), so a replayed import of history raises the alerts it would have raised then.
 */
export const alerts = pgTable('alerts', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ALERT_KINDS }).notNull(),
  subject: text('subject').notNull(),
  subjectKey: text('subject_key').notNull(),
  /** Every subject key its detections carried: later detections about any of them join this alert. */
  keys: text('keys').array().notNull(),
  level: text('level', { enum: LEVELS }).notNull(),
  peakLevel: text('peak_level', { enum: LEVELS }).notNull(),
  status: text('status', { enum: ALERT_STATUSES }).notNull(),
  raisedAt: timestamp('raised_at', { withTimezone: true, mode: 'date' }).notNull(),
  lastDetectedAt: timestamp('last_detected_at', { withTimezone: true, mode: 'date' }).notNull(),
  pendingLevel: text('pending_level', { enum: LEVELS }),
  pendingSince: timestamp('pending_since', { withTimezone: true, mode: 'date' }),
  acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true, mode: 'date' }),
  acknowledgedByType: text('acknowledged_by_type'),
  acknowledgedById: text('acknowledged_by_id'),
  resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
  resolvedByType: text('resolved_by_type'),
  resolvedById: text('resolved_by_id'),
  resolution: text('resolution', { enum: ['auto', 'manual'] }),
  /** The latest detection's evidence (counts per window, baseline, z-score, channels, samples). */
  evidence: jsonb('evidence').notNull(),
  rulesVersion: integer('rules_version').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  version: integer('version').notNull().default(1),
}, (t) => [
  index('alerts_raised_idx').on(t.raisedAt, t.id),
  // The detector's every run reads what is still going on.
  index('alerts_active_idx').on(t.status).where(sql`${t.status} <> 'resolved'`),
  index('alerts_resolved_idx').on(t.resolvedAt).where(sql`${t.resolution} = 'manual'`),
]);

/** An alert's history: raised, each level change, acknowledgement, resolution, with who and a note. */
export const alertChanges = pgTable('alert_changes', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  alertId: text('alert_id').notNull().references(() => alerts.id, { onDelete: 'cascade' }),
  change: text('change', { enum: ['raised', 'escalated', 'deescalated', 'acknowledged', 'resolved', 'reopened'] }).notNull(),
  fromLevel: text('from_level', { enum: LEVELS }),
  toLevel: text('to_level', { enum: LEVELS }),
  status: text('status', { enum: ALERT_STATUSES }).notNull(),
  actorType: text('actor_type', { enum: ['agent', 'api_key', 'customer', 'system'] }).notNull(),
  actorId: text('actor_id'),
  note: text('note'),
  /** The detection's headline figures at the change (count, baseline, z-score, ratio, score). */
  figures: jsonb('figures'),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
}, (t) => [index('alert_changes_alert_idx').on(t.alertId, t.seq)]);

/** Every version of the detection rules; the highest is in force. Alerts record the version that graded them. */
export const alertRules = pgTable('alert_rules', {
  version: integer('version').primaryKey(),
  rules: jsonb('rules').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  actorType: text('actor_type', { enum: ['agent', 'api_key', 'customer', 'system'] }).notNull(),
  actorId: text('actor_id'),
});
