import { z } from 'zod';
import { Timestamp } from '../../http/common.schemas.ts';
import { TicketSchema } from '../tickets/tickets.schemas.ts';
import { MessageSchema } from '../messages/messages.schemas.ts';
import { ClassificationSchema } from '../classification/classification.schemas.ts';
import { ALERT_EVENTS } from '../alerts/alert-events.schemas.ts';
import { TicketRoutedDataSchema } from '../routing/routing-events.schemas.ts';

/**
 * Every event the service records, with the schema of its `data` as stored: the ticket timeline
 * shows these; the change feed, the live stream and webhooks show them without the words
 * (feed-data.ts FEED_CATALOGUE, which documents them). A new event type starts here.
 */
const Change = z.object({ from: z.unknown(), to: z.unknown() });

const SlaTimerData = z.object({
  targetId: z.string(),
  metric: z.enum(['first_response', 'next_response', 'resolution']),
  cycle: z.number().int(),
  dueAt: Timestamp,
  policyId: z.string().nullable(),
});

const CsatAnswerData = z.object({
  surveyId: z.string(),
  rating: z.number().int(),
  comment: z.string().nullable(),
  reasons: z.array(z.string()),
  agentId: z.string().nullable(),
  teamId: z.string().nullable(),
});

export const EVENT_CATALOGUE = {
  'ticket.created': z.object({ ticket: TicketSchema }),
  'ticket.updated': z
    .object({
      changes: z.record(z.string(), Change).describe('Each changed field with its value before and after'),
      cause: z.string().optional().describe('What led to the change when it was not a direct edit: `message.created`, `sla.breached`…'),
      targetId: z.string().optional().describe('The SLA target whose warning or breach escalated the ticket'),
    })
    .meta({ id: 'TicketUpdatedData' }),
  'ticket.classified': z.object({ classification: ClassificationSchema }),
  'ticket.routed': TicketRoutedDataSchema,
  'message.created': z.object({ message: MessageSchema }),
  // After the message and ticket.updated events of the same change: what the macro did, as one.
  'ticket.macro_applied': z
    .object({
      macro: z.object({ id: z.string(), name: z.string() }),
      messageId: z.string().nullable().describe('The reply it wrote (its message.created event precedes this one)'),
      language: z.string().nullable(),
      changes: z.record(z.string(), Change).describe('Each ticket field it changed, before and after'),
    })
    .meta({ id: 'TicketMacroAppliedData' }),
  'sla.warning': SlaTimerData.meta({ id: 'SlaWarningData' }),
  'sla.breached': SlaTimerData.meta({ id: 'SlaBreachedData' }),
  'csat.requested': z
    .object({
      surveyId: z.string(),
      url: z.string().optional().describe('Only for callers with `surveys:deliver`'),
      token: z.string().optional().describe('Only for callers with `surveys:deliver`'),
      channel: z.string(),
      customerId: z.string(),
      language: z.string().nullable(),
      expiresAt: Timestamp.optional(),
    })
    .meta({ id: 'CsatRequestedData' }),
  'csat.received': CsatAnswerData,
  'csat.negative': CsatAnswerData,
  // Published outcomes (反馈结果公示): exactly what the public feed shows, nothing of the customer.
  'outcome.published': z
    .object({
      outcome: z.object({ id: z.string(), type: z.string(), note: z.string(), topic: z.string().nullable(), tags: z.array(z.string()), date: z.string() }),
      republished: z.boolean().describe('true when it rewrote an outcome already published'),
    })
    .meta({ id: 'OutcomePublishedData' }),
  'outcome.withdrawn': z.object({ outcomeId: z.string() }).meta({ id: 'OutcomeWithdrawnData' }),
  // Crisis alerts: no ticket (ticketId null); they reach the change feed and webhooks like any event.
  ...ALERT_EVENTS,
} as const;

export type EventType = keyof typeof EVENT_CATALOGUE;
export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as [EventType, ...EventType[]];
/** What a writer puts in `data`: the presenters' output types, checked at compile time. */
export type EventData<T extends EventType> = z.output<(typeof EVENT_CATALOGUE)[T]>;
