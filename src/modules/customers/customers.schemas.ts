import { z } from 'zod';
import { Timestamp, trimmed } from '../../http/common.schemas.ts';
import { PageQuerySchema } from '../../http/pagination.ts';
import { EmailSchema, PhoneSchema } from './contact.schemas.ts';

export const CustomerIdentitySchema = z
  .object({
    kind: z.enum(['external_id', 'handle', 'email', 'phone']),
    channel: z.string().nullable().describe('The channel for ids and handles; null for email and phone'),
    value: z.string(),
    createdAt: Timestamp,
  })
  .meta({ id: 'CustomerIdentity' });

export const CustomerSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    identities: z.array(CustomerIdentitySchema),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'Customer', description: 'A customer, with their identities on each channel' });

export const TicketCountsSchema = z
  .object({
    total: z.number().int(),
    open: z.number().int().describe('Not solved or closed'),
    question: z.number().int(),
    complaint: z.number().int(),
    suggestion: z.number().int(),
    unclassified: z.number().int(),
  })
  .meta({ id: 'TicketCounts' });

export const CustomerDetailSchema = CustomerSchema.extend({
  ticketCounts: TicketCountsSchema,
}).meta({ id: 'CustomerDetail', description: 'A customer, with their identities and ticket counts by type' });

export const CustomerListItemSchema = CustomerSchema.omit({ identities: true }).meta({ id: 'CustomerSummary' });

export const CreateCustomerSchema = z
  .object({
    name: trimmed(200).optional(),
    email: EmailSchema.optional(),
    phone: PhoneSchema.optional(),
  })
  .refine((v) => v.name || v.email || v.phone, { message: 'give at least a name, email or phone', path: ['name'] })
  .meta({ id: 'CreateCustomer' });

export const UpdateCustomerSchema = z
  .object({
    name: trimmed(200).nullable().optional(),
    email: EmailSchema.nullable().optional(),
    phone: PhoneSchema.nullable().optional(),
  })
  .strict()
  .meta({ id: 'UpdateCustomer' });

export const CustomerListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().min(1).max(200).optional().describe('Matches name, email, phone or any channel identity'),
});
