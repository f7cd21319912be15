import { z } from 'zod';
import { Timestamp } from '../../http/common.schemas.ts';

export const SLA_METRICS = ['first_response', 'next_response', 'resolution'] as const;
export const SLA_TARGET_STATUSES = ['active', 'paused', 'achieved', 'breached'] as const;

export const SlaTargetSchema = z
  .object({
    metric: z.enum(SLA_METRICS),
    dueAt: Timestamp.nullable(),
    status: z.enum(SLA_TARGET_STATUSES),
    breachedAt: Timestamp.nullable(),
    achievedAt: Timestamp.nullable(),
  })
  .meta({ id: 'SlaTarget' });

export type SlaTarget = z.infer<typeof SlaTargetSchema>;
