import { z } from 'zod';
import { Timestamp, trimmed } from '../../http/common.schemas.ts';
import { ChannelSchema, TicketSchema } from '../tickets/tickets.schemas.ts';
import { MessageSchema } from '../messages/messages.schemas.ts';
import { ChannelIdentitySchema, EmailSchema, PhoneSchema } from '../customers/contact.schemas.ts';

export const InquirySchema = z
  .object({
    channel: ChannelSchema,
    externalId: trimmed(200)
      .optional()
      .describe('The message id on the channel; (channel, externalId) is unique, so a redelivery is recognised'),
    threadId: trimmed(200).optional().describe('The channel thread; a follow-up joins the customer\'s open ticket of that thread'),
    customer: z
      .object({
        externalId: ChannelIdentitySchema.optional().describe('The sender\'s user id on the channel'),
        name: trimmed(200).optional(),
        email: EmailSchema.optional(),
        phone: PhoneSchema.optional(),
        handle: ChannelIdentitySchema.optional().describe('The sender\'s public handle on the channel'),
      })
      .refine((c) => c.externalId || c.email || c.phone || c.handle, {
        message: 'give at least one of externalId, email, phone or handle',
        path: ['externalId'],
      }),
    subject: trimmed(500).optional().describe('Defaults to the start of the body'),
    body: trimmed(100_000),
    receivedAt: Timestamp.optional().describe('When the channel received it; defaults to now'),
  })
  .meta({ id: 'Inquiry' });

export type InquiryInput = z.infer<typeof InquirySchema>;

/**
 * 201 and 200 answer different schemas with an `outcome` to switch on, so a typed client tells a
 * new ticket from a follow-up or a redelivery without looking at the status.
 */
export const InquiryOpenedSchema = z
  .object({ outcome: z.literal('opened'), ticket: TicketSchema, message: MessageSchema })
  .meta({ id: 'InquiryOpened', description: 'A new ticket was opened for the message' });

export const InquiryJoinedSchema = z
  .object({
    outcome: z
      .enum(['joined', 'duplicate'])
      .describe('`joined`: added to the customer\'s open ticket of its thread; `duplicate`: `(channel, externalId)` was already delivered, nothing was written'),
    ticket: TicketSchema,
    message: MessageSchema,
  })
  .meta({ id: 'InquiryJoined', description: 'The message joined an open ticket, or was already delivered' });

export type InquiryOutcome = z.infer<typeof InquiryOpenedSchema>['outcome'] | z.infer<typeof InquiryJoinedSchema>['outcome'];
