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

export const InquiryResultSchema = z
  .object({ ticket: TicketSchema, message: MessageSchema })
  .meta({ id: 'InquiryResult' });
