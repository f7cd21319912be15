import { z } from 'zod';
import { Timestamp } from '../../http/common.schemas.ts';
import { ALERT_KINDS, ALERT_STATUSES, LEVELS } from './levels.ts';

/** The alert as its events carry it (the change feed, webhooks): enough to act on without a second call. */
export const AlertEventAlertSchema = z.object({
  id: z.string(),
  level: z.enum(LEVELS),
  status: z.enum(ALERT_STATUSES),
  kind: z.enum(ALERT_KINDS),
  subject: z.string(),
  raisedAt: Timestamp,
  evidence: z.object({
    windowStart: Timestamp,
    windowEnd: Timestamp,
    count: z.number(),
    baseline: z.number(),
    zScore: z.number().nullable(),
    ratio: z.number().nullable(),
    score: z.number().nullable(),
    channels: z.array(z.object({ channel: z.string(), tickets: z.number().int() })),
    sampleTicketIds: z.array(z.string()),
  }),
});

const LevelChange = z.object({ alert: AlertEventAlertSchema, from: z.enum(LEVELS), to: z.enum(LEVELS) });

export const ALERT_EVENTS = {
  'alert.raised': z.object({ alert: AlertEventAlertSchema }).meta({ id: 'AlertRaisedData' }),
  'alert.escalated': LevelChange.extend({ reopened: z.boolean().describe('A resolved alert came back worse') }).meta({ id: 'AlertEscalatedData' }),
  'alert.deescalated': LevelChange.meta({ id: 'AlertDeescalatedData' }),
  'alert.acknowledged': z.object({ alert: AlertEventAlertSchema, note: z.string().nullable() }).meta({ id: 'AlertAcknowledgedData' }),
  'alert.resolved': z
    .object({ alert: AlertEventAlertSchema, resolution: z.enum(['auto', 'manual']), note: z.string().nullable() })
    .meta({ id: 'AlertResolvedData' }),
} as const;
