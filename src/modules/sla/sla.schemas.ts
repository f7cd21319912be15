import { z } from 'zod';
import { Timestamp, trimmed } from '../../http/common.schemas.ts';
import { durationToMs } from './durations.ts';
import { InquiryTypeSchema } from '../classification/classification.schemas.ts';
import { CHANNELS, TICKET_PRIORITIES } from '../tickets/tickets.table.ts';
import { TagSchema } from '../tickets/tag.schema.ts';

export const SLA_METRICS = ['first_response', 'next_response', 'resolution'] as const;
export const SLA_TARGET_STATUSES = ['active', 'paused', 'achieved', 'breached'] as const;

export const SlaTargetSchema = z
  .object({
    metric: z.enum(SLA_METRICS),
    dueAt: Timestamp.nullable().describe('The deadline; while paused, the deadline as it stood when the pause began'),
    status: z.enum(SLA_TARGET_STATUSES),
    breachedAt: Timestamp.nullable(),
    achievedAt: Timestamp.nullable(),
    cycle: z.number().int().describe('next_response repeats: 1, 2, … (the latest cycle is shown)'),
    startedAt: Timestamp,
    warnAt: Timestamp.nullable(),
    pausedAt: Timestamp.nullable(),
  })
  .meta({ id: 'SlaTarget' });

export type SlaTarget = z.infer<typeof SlaTargetSchema>;


const MAX_WITHIN_MS = 366 * 24 * 3600 * 1000;

export const IsoDurationSchema = z
  .string()
  .max(40)
  .refine((value) => {
    const ms = durationToMs(value);
    return ms !== null && ms > 0 && ms <= MAX_WITHIN_MS;
  }, 'an ISO 8601 duration between PT1S and P366D, e.g. PT4H')
  .describe('ISO 8601 duration, e.g. PT4H, PT30M, PT5S, P3D');

export const PolicyTargetSchema = z
  .object({
    metric: z.enum(SLA_METRICS),
    within: IsoDurationSchema,
    businessHours: z.boolean().default(false).describe('Count only open hours of the calendar'),
    calendarId: z.string().max(64).nullable().optional().describe('Required when businessHours is true'),
  })
  .refine((t) => !t.businessHours || !!t.calendarId, { message: 'businessHours needs a calendarId', path: ['calendarId'] })
  .meta({ id: 'SlaPolicyTarget' });

const Tag = TagSchema;

export const EscalationActionSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('set_priority'), priority: z.enum(TICKET_PRIORITIES) }),
    z.object({ type: z.literal('assign_team'), teamId: z.string().max(64) }),
    z.object({ type: z.literal('assign_agent'), agentId: z.string().max(64) }),
    z.object({ type: z.literal('add_tag'), tag: Tag }),
  ])
  .meta({ id: 'SlaEscalationAction' });

export type EscalationAction = z.infer<typeof EscalationActionSchema>;

export const PolicyConditionsSchema = z
  .object({
    types: z.array(InquiryTypeSchema).max(3).optional(),
    priorities: z.array(z.enum(TICKET_PRIORITIES)).max(4).optional(),
    channels: z.array(z.enum(CHANNELS)).max(CHANNELS.length).optional(),
    tags: z.array(Tag).max(50).optional().describe('Matches when the ticket has any of these tags'),
  })
  .meta({ id: 'SlaPolicyConditions', description: 'Every given list must match; an empty object matches every ticket' });

export type PolicyConditions = z.infer<typeof PolicyConditionsSchema>;

export const WarningSchema = z
  .object({
    percent: z.number().int().min(1).max(99).optional().describe('Warn when this share of the target has elapsed'),
    leadTime: IsoDurationSchema.optional().describe('Warn this long before the deadline'),
  })
  .refine((w) => w.percent !== undefined || w.leadTime !== undefined, { message: 'give percent or leadTime' })
  .meta({ id: 'SlaWarning' });

const EscalationsSchema = z
  .object({
    onWarning: z.array(EscalationActionSchema).max(10).default([]),
    onBreach: z.array(EscalationActionSchema).max(10).default([]),
  })
  .meta({ id: 'SlaEscalations' });

const policyBody = {
  name: trimmed(200),
  position: z.number().int().min(0).max(1_000_000).describe('Lower comes first'),
  active: z.boolean().default(true),
  conditions: PolicyConditionsSchema.default({}),
  targets: z
    .array(PolicyTargetSchema)
    .min(1)
    .max(3)
    .refine((targets) => new Set(targets.map((t) => t.metric)).size === targets.length, 'one target per metric'),
  warning: WarningSchema.nullable().default(null),
  escalations: EscalationsSchema.default({ onWarning: [], onBreach: [] }),
};

export const CreateSlaPolicySchema = z.object(policyBody).meta({ id: 'CreateSlaPolicy' });
export const UpdateSlaPolicySchema = z
  .object({
    name: policyBody.name.optional(),
    position: policyBody.position.optional(),
    active: z.boolean().optional(),
    conditions: PolicyConditionsSchema.optional(),
    targets: policyBody.targets.optional(),
    warning: WarningSchema.nullable().optional(),
    escalations: EscalationsSchema.optional(),
  })
  .strict()
  .meta({ id: 'UpdateSlaPolicy' });

export const SlaPolicySchema = z
  .object({
    id: z.string(),
    ...policyBody,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'SlaPolicy', description: 'An SLA policy: its conditions, targets, warnings and escalations' });

export type SlaPolicyDto = z.infer<typeof SlaPolicySchema>;
export type PolicyTarget = z.infer<typeof PolicyTargetSchema>;
export type Warning = z.infer<typeof WarningSchema>;
