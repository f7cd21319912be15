import { z } from 'zod';
import { Timestamp, csv, trimmed } from '../../http/common.schemas.ts';
import { PageQuerySchema } from '../../http/pagination.ts';
import { ALERT_KINDS, ALERT_STATUSES, LEVELS, LevelSchema } from './levels.ts';

export const AlertKindSchema = z
  .enum(ALERT_KINDS)
  .describe('What tripped: volume (all complaints), topic (complaints about one topic), term (a watch-list term), sentiment (negative share), spread (one topic across many customers and channels)')
  .meta({ id: 'AlertKind' });
export const AlertStatusSchema = z.enum(ALERT_STATUSES).describe('open → acknowledged → resolved (by a person, or by itself once calm)').meta({ id: 'AlertStatus' });

const Actor = z.object({ type: z.enum(['agent', 'api_key', 'customer', 'system']), id: z.string().nullable() }).meta({ id: 'AlertActor' });
const Channels = z.array(z.object({ channel: z.string(), tickets: z.number().int() })).describe('Tickets per channel in the window, most first');

export const AlertDetectionSchema = z
  .object({
    kind: AlertKindSchema,
    subject: z.string(),
    level: LevelSchema,
    count: z.number().describe('Tickets (customers, for spread; negative messages, for sentiment) in the window'),
    baseline: z.number().describe('The count usual at this time of day and week'),
    zScore: z.number().nullable(),
    ratio: z.number().nullable().describe('(count + 1) / (baseline + 1)'),
    score: z.number().nullable().describe('Terms: weight × tickets above the baseline'),
    share: z.number().nullable().describe('Sentiment: negative share in the window'),
    baselineShare: z.number().nullable(),
    customers: z.number().int().nullable(),
    channels: Channels,
  })
  .meta({ id: 'AlertDetection' });

export const AlertEvidenceSchema = z
  .object({
    windowStart: Timestamp,
    windowEnd: Timestamp,
    windowMinutes: z.number().int(),
    count: z.number(),
    baseline: z.number(),
    zScore: z.number().nullable(),
    ratio: z.number().nullable(),
    score: z.number().nullable(),
    share: z.number().nullable(),
    baselineShare: z.number().nullable(),
    customers: z.number().int().nullable(),
    channels: Channels,
    sampleTicketIds: z.array(z.string()).describe('Recent tickets of the window'),
    windows: z.array(z.object({ start: Timestamp, end: Timestamp, count: z.number() })).describe('The baseline samples (the same window on past days) and the current window, oldest first'),
    detections: z.array(AlertDetectionSchema).describe('Every detection of the last run that is about this crisis, worst first'),
  })
  .meta({ id: 'AlertEvidence', description: 'What the latest detection saw, for its primary detector' });

export const AlertChangeSchema = z
  .object({
    change: z.enum(['raised', 'escalated', 'deescalated', 'acknowledged', 'resolved', 'reopened']),
    fromLevel: LevelSchema.nullable(),
    toLevel: LevelSchema.nullable(),
    status: AlertStatusSchema,
    actor: Actor,
    note: z.string().nullable(),
    figures: z.record(z.string(), z.unknown()).nullable().describe('The headline figures at the change: count, baseline, zScore, ratio, score'),
    at: Timestamp,
  })
  .meta({ id: 'AlertChange' });

export const AlertSchema = z
  .object({
    id: z.string(),
    level: LevelSchema,
    levelName: z.object({ zh: z.string(), en: z.string() }),
    peakLevel: LevelSchema.describe('The worst level it reached'),
    status: AlertStatusSchema,
    kind: AlertKindSchema,
    subject: z.string().describe('The topic or term as customers wrote it'),
    subjectKey: z.string().describe('The normalised subject alerts are matched on (topic:…, term:…, volume, sentiment)'),
    raisedAt: Timestamp,
    lastDetectedAt: Timestamp,
    updatedAt: Timestamp,
    acknowledgedAt: Timestamp.nullable(),
    acknowledgedBy: Actor.nullable(),
    resolvedAt: Timestamp.nullable(),
    resolvedBy: Actor.nullable(),
    resolution: z.enum(['auto', 'manual']).nullable().describe('auto: it calmed down and resolved itself; manual: a person resolved it'),
    rulesVersion: z.number().int().describe('The alert-rules version that graded its latest detection'),
    evidence: AlertEvidenceSchema,
    actions: z.object({ zh: z.array(z.string()), en: z.array(z.string()) }).describe('What the crisis playbook prescribes at this level'),
    history: z.array(AlertChangeSchema).describe('Raised, every level change, acknowledgement and resolution, oldest first'),
    version: z.number().int(),
  })
  .meta({ id: 'Alert', description: 'A crisis alert, graded I (especially severe) to IV (general)' });

export const AlertListQuerySchema = PageQuerySchema.extend({
  // Digits only: a limit the document would call invalid ("0x10", "1e2") is refused, not coerced.
  limit: z.string().regex(/^(?:[1-9]\d?|1\d\d|200)$/, 'a whole number 1..200').transform(Number).default(50).describe('Page size, 1..200'),
  status: csv(ALERT_STATUSES).optional().describe('Comma-separated statuses'),
  level: csv(LEVELS).optional().describe('Comma-separated levels'),
  from: Timestamp.optional().describe('Raised at or after'),
  to: Timestamp.optional().describe('Raised before'),
});

export const PatchAlertSchema = z
  .object({
    status: z.enum(['acknowledged', 'resolved']),
    note: trimmed(2_000).optional().describe('What was done or decided, kept in the history'),
  })
  .meta({ id: 'PatchAlert' });

export type AlertDto = z.infer<typeof AlertSchema>;
export type AlertEvidence = z.infer<typeof AlertEvidenceSchema>;
