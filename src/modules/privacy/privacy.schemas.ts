import { z } from 'zod';
import { Timestamp, trimmed } from '../../http/common.schemas.ts';
import { CustomerSchema } from '../customers/customers.schemas.ts';
import { MessageSchema } from '../messages/messages.schemas.ts';
import { EventSchema } from '../events/events.schemas.ts';
import { ChannelSchema, TicketPrioritySchema, TicketStatusSchema } from '../tickets/tickets.schemas.ts';
import { InquiryTypeSchema } from '../classification/classification.schemas.ts';

export const EraseCustomerSchema = z
  .object({
    reason: trimmed(500).describe('Why the customer is erased (the request\'s reference, the law it answers); kept with the erasure record'),
  })
  .strict()
  .meta({ id: 'EraseCustomer' });

export const ErasureSchema = z
  .object({
    customerId: z.string(),
    reason: z.string(),
    erasedBy: z.object({ type: z.enum(['agent', 'api_key', 'customer', 'system']), id: z.string().nullable() }),
    erasedAt: Timestamp,
    counts: z
      .object({
        tickets: z.number().int(),
        messages: z.number().int(),
        identities: z.number().int().describe('Identities removed: a new message from the same address starts a new customer'),
        surveys: z.number().int().describe('Survey comments removed (ratings stay)'),
        events: z.number().int().describe('Stored events rewritten without the text they carried'),
      })
      .describe('What the first erasure anonymised; a repeated erasure answers the same'),
  })
  .meta({ id: 'CustomerErasure', description: 'The record of a customer\'s erasure' });

const ExportTicketSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  subject: z.string(),
  status: TicketStatusSchema,
  type: InquiryTypeSchema.nullable(),
  priority: TicketPrioritySchema,
  channel: ChannelSchema,
  customerId: z.string(),
  assigneeId: z.string().nullable(),
  teamId: z.string().nullable(),
  tags: z.array(z.string()),
  threadId: z.string().nullable(),
  classification: z.record(z.string(), z.unknown()).nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  solvedAt: Timestamp.nullable(),
  closedAt: Timestamp.nullable(),
  anonymisedAt: Timestamp.nullable(),
});

const ExportSurveySchema = z.object({
  id: z.string(),
  ticketId: z.string(),
  status: z.string(),
  language: z.string(),
  rating: z.number().int().nullable(),
  comment: z.string().nullable(),
  reasons: z.array(z.string()),
  sentAt: Timestamp.nullable(),
  answeredAt: Timestamp.nullable(),
  responses: z.array(z.object({ rating: z.number().int(), comment: z.string().nullable(), reasons: z.array(z.string()), createdAt: Timestamp })),
});

const ExportTopicSchema = z.object({ ticketId: z.string(), messageId: z.string(), topic: z.string(), label: z.string(), receivedAt: Timestamp });

const ExportSignalSchema = z.object({
  messageId: z.string(),
  ticketId: z.string(),
  channel: ChannelSchema,
  negative: z.boolean(),
  receivedAt: Timestamp,
});

const ExportOutcomeSchema = z.object({ ticketId: z.string(), type: z.string(), note: z.string(), topic: z.string().nullable(), tags: z.array(z.string()), publishedAt: Timestamp });

/** The sections of an export, in the order the stream writes them. */
export const CustomerExportSchema = z
  .object({
    exportedAt: Timestamp,
    customer: CustomerSchema,
    erasure: ErasureSchema.nullable().describe('Set when the customer was erased: what is below is what remains'),
    tickets: z.array(ExportTicketSchema).describe('Every ticket of the customer, oldest first; the sections below follow this order'),
    messages: z.array(MessageSchema).describe('Every message of those tickets (internal notes included) and the customer\'s on others'),
    surveys: z.array(ExportSurveySchema).describe('Satisfaction surveys of those tickets, with every answer'),
    events: z.array(EventSchema).describe('Every event of those tickets as stored (the ticket timeline), ticket by ticket, each in commit order'),
    topics: z.array(ExportTopicSchema).describe('Topics extracted from the customer\'s messages'),
    signals: z.array(ExportSignalSchema).describe('Per-message signals crisis detection counts'),
    outcomes: z.array(ExportOutcomeSchema).describe('Resolution notes published for those tickets'),
  })
  .meta({
    id: 'CustomerExport',
    description:
      'Everything held about a customer (PIPL art. 45, GDPR art. 15/20), streamed as one JSON document in this order. ' +
      'Survey links are left out unless the caller holds `surveys:deliver`.',
  });
