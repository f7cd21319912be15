import { z } from 'zod';
import { csv, Timestamp, trimmed } from '../../http/common.schemas.ts';
import { PageQuerySchema } from '../../http/pagination.ts';
import { ClassificationSchema, InquiryTypeSchema } from '../classification/classification.schemas.ts';
import { SlaTargetSchema } from '../sla/sla.schemas.ts';
import { EmailSchema, PhoneSchema } from '../customers/contact.schemas.ts';
import { TagSchema } from './tag.schema.ts';
import { CHANNELS, TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from './tickets.table.ts';

export const ChannelSchema = z.enum(CHANNELS).meta({ id: 'Channel' });
export const TicketStatusSchema = z.enum(TICKET_STATUSES).meta({ id: 'TicketStatus' });
export const TicketPrioritySchema = z.enum(TICKET_PRIORITIES).meta({ id: 'TicketPriority' });

const Tag = TagSchema;
const Tags = z.array(Tag).max(50).transform((tags) => [...new Set(tags)]);

export const TicketSchema = z
  .object({
    id: z.string(),
    number: z.number().int().describe('Human ticket number agents say on the phone'),
    subject: z.string(),
    status: TicketStatusSchema,
    type: InquiryTypeSchema.nullable().describe("The ticket's type: the model's at first, an agent's after a change"),
    priority: TicketPrioritySchema,
    channel: ChannelSchema,
    customerId: z.string(),
    assigneeId: z.string().nullable(),
    teamId: z.string().nullable(),
    tags: z.array(z.string()),
    classification: ClassificationSchema.nullable().describe('The model as it saw the first message; never changed by agents'),
    typeReviewedAt: Timestamp.nullable().describe(
      "When a person first answered the model's doubt: changed the type (a correction) or confirmed it (`POST /v1/tickets/{id}/classification/confirm`); null while nobody has",
    ),
    sla: z.array(SlaTargetSchema),
    threadId: z.string().nullable(),
    noSurvey: z.boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    solvedAt: Timestamp.nullable(),
    version: z.number().int().describe('Send as If-Match to update only this version'),
  })
  .meta({ id: 'Ticket', description: 'A ticket, with its running SLA targets and the model\'s classification' });

export const TicketListItemSchema = TicketSchema.extend({
  highlight: z
    .string()
    .optional()
    .describe('With `q`: where it matched, from the subject or the best-matching message; HTML-escaped, terms in <mark>'),
}).meta({ id: 'TicketListItem', description: 'A ticket in a list; with `q`, where it matched' });

export type TicketDto = z.infer<typeof TicketSchema>;

export const CreateTicketSchema = z
  .object({
    subject: trimmed(500),
    body: trimmed(100_000).describe('The first message, e.g. the agent\'s notes of a phone call'),
    customerId: z.string().max(64).optional(),
    customer: z
      .object({
        name: trimmed(200).optional(),
        email: EmailSchema.optional(),
        phone: PhoneSchema.optional(),
      })
      .optional()
      .describe('Find or create the customer by email or phone when there is no customerId'),
    channel: ChannelSchema.default('phone'),
    author: z.enum(['customer', 'agent']).default('customer').describe('Who the first message is from'),
    priority: TicketPrioritySchema.default('normal'),
    type: InquiryTypeSchema.optional(),
    assigneeId: z.string().max(64).nullable().optional(),
    teamId: z.string().max(64).nullable().optional(),
    tags: Tags.optional(),
  })
  .refine((v) => v.customerId !== undefined || v.customer?.email !== undefined || v.customer?.phone !== undefined, {
    message: 'give customerId, or customer.email or customer.phone',
    path: ['customerId'],
  })
  .meta({ id: 'CreateTicket' });

export const UpdateTicketSchema = z
  .object({
    subject: trimmed(500).optional(),
    status: TicketStatusSchema.optional(),
    priority: TicketPrioritySchema.optional(),
    type: InquiryTypeSchema.optional(),
    assigneeId: z.string().max(64).nullable().optional(),
    teamId: z.string().max(64).nullable().optional(),
    tags: Tags.optional(),
    noSurvey: z.boolean().optional().describe('true: do not ask this customer for a satisfaction rating when the ticket is solved'),
  })
  .strict()
  .meta({ id: 'UpdateTicket' });

export type UpdateTicketInput = z.infer<typeof UpdateTicketSchema>;

export const TicketListQuerySchema = PageQuerySchema.extend({
  status: csv(TICKET_STATUSES).optional().describe('Comma-separated statuses'),
  type: csv(TICKET_TYPES).optional(),
  priority: csv(TICKET_PRIORITIES).optional(),
  channel: csv(CHANNELS).optional(),
  assigneeId: z.string().max(64).optional().describe('An agent id, or `none` for unassigned'),
  teamId: z.string().max(64).optional(),
  customerId: z.string().max(64).optional(),
  tag: Tag.optional(),
  createdFrom: Timestamp.optional().describe('Created at or after'),
  createdTo: Timestamp.optional().describe('Created before'),
  q: z
    .string()
    .max(200)
    .optional()
    .describe('Full-text search (Chinese and English): every term within the subject or within one message; list items then carry a `highlight`'),
  sla: z
    .enum(['breached', 'at_risk', 'active'])
    .optional()
    .describe('breached: a target was missed; at_risk: a running target is past its warning; active: a target is running'),
  needsReview: z
    .enum(['true', 'false'])
    .optional()
    .describe("true: the model's confidence was under the review threshold (`classification.needsReview`) and no person has changed or confirmed the type since (`typeReviewedAt` null); false: the others"),
  sort: z
    .enum(['created', 'recent', 'due', 'relevance'])
    .default('created')
    .describe(
      'created or recent: newest first; due: the queue by urgency (earliest SLA deadline still owed first: running, or breached and not yet answered; tickets waiting on the customer or owed nothing are left out); ' +
        'relevance (with `q`): best match first among the 1,000 newest matches, then newest (without `q`: newest first)',
    ),
});
