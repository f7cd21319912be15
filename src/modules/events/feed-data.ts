import { z } from 'zod';
import { TicketSchema } from '../tickets/tickets.schemas.ts';
import { MessageSchema } from '../messages/messages.schemas.ts';
import { ClassificationSchema, SignalKindSchema } from '../classification/classification.schemas.ts';
import { EVENT_CATALOGUE, type EventType } from './catalogue.ts';

/**
 * What an event's `data` shows where it leaves the service for other systems: the change feed
 * (GET /v1/events), the live stream and webhook deliveries. Ids, codes, numbers and times; none
 * of the words a customer (or an agent to them) wrote: no message body, subject, thread id,
 * survey comment or classifier quote (PIPL's minimum necessary: a receiver that needs the text
 * reads it with its own scope, GET /v1/tickets/{id}/messages, and an erased customer's text is
 * gone from there too). The stored event keeps them for the service's own subscribers (topics)
 * and the ticket timeline until erasure or retention (modules/privacy) rewrites it.
 */
type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function without(value: unknown, ...keys: string[]): unknown {
  if (!isObject(value)) return value;
  const out = { ...value };
  for (const key of keys) delete out[key];
  return out;
}

function classificationForFeed(classification: unknown): unknown {
  if (!isObject(classification) || !Array.isArray(classification.signals)) return classification;
  return { ...classification, signals: classification.signals.map((signal) => without(signal, 'match')) };
}

export function feedData(type: string, data: Json): Json {
  switch (type) {
    case 'ticket.created': {
      const ticket = without(data.ticket, 'subject', 'threadId');
      return { ...data, ticket: isObject(ticket) ? { ...ticket, classification: classificationForFeed(ticket.classification) } : ticket };
    }
    case 'message.created':
      return { ...data, message: without(data.message, 'body') };
    case 'ticket.classified':
      return { ...data, classification: classificationForFeed(data.classification) };
    case 'ticket.updated':
    case 'ticket.macro_applied':
      // A subject change is told, not its words: `{}` in place of `{from, to}`.
      return isObject(data.changes) && 'subject' in data.changes ? { ...data, changes: { ...data.changes, subject: {} } } : data;
    case 'csat.received':
    case 'csat.negative':
      return without(data, 'comment') as Json;
    default:
      return data;
  }
}

const FeedClassification = ClassificationSchema.extend({
  signals: z.array(z.object({ kind: SignalKindSchema })).describe('Urgency cues found in the message (kinds only: the quotes stay in the service)'),
}).meta({ id: 'FeedClassification' });

const CsatAnswer = (EVENT_CATALOGUE['csat.received'] as z.ZodObject).omit({ comment: true });

/** The catalogue as the feed and webhooks carry it (feedData's output), for the OpenAPI document. */
export const FEED_CATALOGUE: Record<EventType, z.ZodObject> = {
  ...(EVENT_CATALOGUE as unknown as Record<EventType, z.ZodObject>),
  'ticket.created': z
    .object({ ticket: TicketSchema.omit({ subject: true, threadId: true }).extend({ classification: FeedClassification.nullable() }) })
    .meta({ id: 'TicketCreatedData', description: 'The ticket without its subject and thread id (read it with tickets:read)' }),
  'message.created': z
    .object({ message: MessageSchema.omit({ body: true }) })
    .meta({ id: 'MessageCreatedData', description: 'The message without its body (read it with tickets:read)' }),
  'ticket.classified': z.object({ classification: FeedClassification }).meta({ id: 'TicketClassifiedData' }),
  'csat.received': CsatAnswer.meta({ id: 'CsatReceivedData', description: 'The rating without the comment (GET /v1/tickets/{id}/survey has it)' }),
  'csat.negative': CsatAnswer.meta({ id: 'CsatNegativeData', description: 'The rating without the comment (GET /v1/tickets/{id}/survey has it)' }),
};
