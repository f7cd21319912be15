import { z } from 'zod';
import { Timestamp, trimmed } from '../../http/common.schemas.ts';
import { InquiryTypeSchema, LanguageSchema, SignalKindSchema, ClassificationSchema } from '../classification/classification.schemas.ts';
import { CHANNELS, TICKET_PRIORITIES } from '../tickets/tickets.table.ts';
import { TagSchema } from '../tickets/tag.schema.ts';

/** The tag the review queue is: `GET /v1/tickets?tag=needs-review`. */
export const REVIEW_TAG = 'needs-review';

const Id = z.string().max(64);
const Confidence = z.number().min(0).max(1);

export const RoutingConditionsSchema = z
  .object({
    types: z.array(InquiryTypeSchema).max(3).optional().describe("The ticket's type (the model's, or an agent's correction)"),
    channels: z.array(z.enum(CHANNELS)).max(CHANNELS.length).optional(),
    languages: z.array(LanguageSchema).max(5).optional().describe('The language the classifier detected'),
    priorities: z.array(z.enum(TICKET_PRIORITIES)).max(4).optional(),
    tags: z.array(TagSchema).max(50).optional().describe('Matches when the ticket has any of these tags'),
    signals: z.array(SignalKindSchema).max(20).optional().describe('Matches when the classifier found any of these urgency signals'),
    minConfidence: Confidence.optional().describe("The classifier's confidence is at least this"),
    maxConfidence: Confidence.optional().describe("The classifier's confidence is below this"),
    needsReview: z.boolean().optional().describe('The classifier asked (true) or did not ask (false) for a person to check the type'),
    repeatContact: z
      .object({
        minTickets: z.number().int().min(1).max(1000).describe('The customer opened at least this many other tickets…'),
        withinDays: z.number().int().min(1).max(365).describe('…in this many days before this one'),
      })
      .optional(),
    businessHours: z
      .object({
        calendarId: Id,
        open: z.boolean().default(true).describe('true: only while the calendar is open; false: only while it is closed'),
      })
      .optional(),
  })
  .strict()
  .refine((c) => c.minConfidence === undefined || c.maxConfidence === undefined || c.minConfidence < c.maxConfidence, {
    message: 'minConfidence must be below maxConfidence',
    path: ['maxConfidence'],
  })
  .meta({ id: 'RoutingConditions', description: 'Every given condition must hold (lists: any of their values); an empty object matches every ticket' });

export type RoutingConditions = z.infer<typeof RoutingConditionsSchema>;

export const RoutingActionSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('assign_team'), teamId: Id }).strict(),
    z.object({ type: z.literal('assign_round_robin'), teamId: Id }).strict().describe("The team's next available agent under their load cap, in turn"),
    z.object({ type: z.literal('assign_agent'), agentId: Id }).strict(),
    z.object({ type: z.literal('set_priority'), priority: z.enum(TICKET_PRIORITIES) }).strict(),
    z.object({ type: z.literal('add_tags'), tags: z.array(TagSchema).min(1).max(20) }).strict(),
    z.object({ type: z.literal('send_to_review') }).strict().describe(`Adds the \`${REVIEW_TAG}\` tag: the review queue is \`GET /v1/tickets?tag=${REVIEW_TAG}\``),
  ])
  .meta({ id: 'RoutingAction' });

export type RoutingAction = z.infer<typeof RoutingActionSchema>;

const ruleBody = {
  name: trimmed(200),
  position: z.number().int().min(0).max(1_000_000).describe('Lower comes first'),
  active: z.boolean().default(true),
  stop: z.boolean().default(false).describe('When this rule matches, later rules are not tried'),
  conditions: RoutingConditionsSchema.default({}),
  actions: z.array(RoutingActionSchema).min(1).max(10),
};

export const CreateRoutingRuleSchema = z.object(ruleBody).strict().meta({ id: 'CreateRoutingRule' });
export const UpdateRoutingRuleSchema = z
  .object({
    name: ruleBody.name.optional(),
    position: ruleBody.position.optional(),
    active: z.boolean().optional(),
    stop: z.boolean().optional(),
    conditions: RoutingConditionsSchema.optional(),
    actions: ruleBody.actions.optional(),
  })
  .strict()
  .meta({ id: 'UpdateRoutingRule' });

export const RoutingRuleSchema = z
  .object({ id: z.string(), ...ruleBody, createdAt: Timestamp, updatedAt: Timestamp, version: z.number().int() })
  .meta({ id: 'RoutingRule', description: 'A routing rule: conditions on the ticket and its classification, actions when they hold' });

export type CreateRoutingRule = z.infer<typeof CreateRoutingRuleSchema>;
export type UpdateRoutingRule = z.infer<typeof UpdateRoutingRuleSchema>;

/** What one action did, for the `ticket.routed` event and the dry run. */
export const ActionOutcomeSchema = z
  .object({
    action: RoutingActionSchema,
    outcome: z.enum(['applied', 'skipped']),
    reason: z.string().describe('Why it applied or not, e.g. "next in turn of 3 available" or "the ticket already has an assignee"'),
    agentId: z.string().nullable().optional().describe('The agent a round-robin picked'),
  })
  .meta({ id: 'RoutingActionOutcome' });

export type ActionOutcome = z.infer<typeof ActionOutcomeSchema>;

export const DryRunRequestSchema = z
  .object({
    channel: z.enum(CHANNELS),
    subject: z.string().max(500).optional(),
    body: z.string().min(1).max(20_000),
    priority: z.enum(TICKET_PRIORITIES).default('normal'),
    tags: z.array(TagSchema).max(50).default([]),
    customerId: Id.optional().describe('An existing customer, for repeat-contact conditions'),
    at: Timestamp.optional().describe('When it arrives (business-hours conditions); default now'),
  })
  .strict()
  .meta({ id: 'RoutingDryRunRequest' });

export const DryRunResponseSchema = z
  .object({
    classification: ClassificationSchema.nullable(),
    rules: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        matched: z.boolean(),
        reasons: z.array(z.string()).describe('Each condition and whether it held'),
        actions: z.array(ActionOutcomeSchema).describe('What the rule would do (empty when it did not match or was not reached)'),
        reached: z.boolean().describe('false after an earlier matching rule with `stop`'),
      }),
    ),
    result: z.object({
      teamId: z.string().nullable(),
      assigneeId: z.string().nullable(),
      priority: z.enum(TICKET_PRIORITIES),
      tags: z.array(z.string()),
    }),
  })
  .meta({ id: 'RoutingDryRun', description: 'Which rules would match an inquiry and why; the round-robin is not advanced' });
