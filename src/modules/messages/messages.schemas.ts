import { z } from 'zod';
import { Timestamp, trimmed } from '../../http/common.schemas.ts';
import { MESSAGE_AUTHORS, MESSAGE_VISIBILITIES } from './messages.table.ts';
import { CHANNELS } from '../tickets/tickets.table.ts';

export const MessageSchema = z
  .object({
    id: z.string(),
    ticketId: z.string(),
    author: z.enum(MESSAGE_AUTHORS),
    visibility: z.enum(MESSAGE_VISIBILITIES),
    body: z.string(),
    agentId: z.string().nullable(),
    customerId: z.string().nullable(),
    channel: z.enum(CHANNELS).nullable(),
    externalId: z.string().nullable(),
    receivedAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Message' });

export type MessageDto = z.infer<typeof MessageSchema>;

export const CreateMessageSchema = z
  .object({
    author: z.enum(['customer', 'agent']).describe('`agent` for a reply or an internal note, `customer` for what the customer said'),
    visibility: z.enum(MESSAGE_VISIBILITIES).default('public').describe('`internal` makes an agent\'s note invisible to the customer'),
    body: trimmed(100_000),
    agentId: z
      .string()
      .max(64)
      .optional()
      .describe('The acting agent when the key does not belong to one; a helpdesk session or a key acting for an agent may name only its own (403 `auth.acting_for_other_agent`)'),
  })
  .refine((v) => v.author === 'agent' || v.visibility === 'public', {
    message: 'customer messages are always public',
    path: ['visibility'],
  })
  .meta({ id: 'CreateMessage' });

export type CreateMessageInput = z.infer<typeof CreateMessageSchema>;
