import { z } from 'zod';
import { trimmed } from '../../http/common.schemas.ts';
import { phoneProblem } from './identities.ts';

/**
 * How a customer's contact details are accepted, shared by every route that takes them (intake,
 * customers, tickets), so a value that passes here is one the archive can always use as an identity.
 */
export const PhoneSchema = z
  .string()
  .trim()
  .max(50)
  .superRefine((phone, ctx) => {
    const problem = phoneProblem(phone);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe('A phone number: optional leading +, digits with spaces or - ( ) . between them, 5 to 20 digits (full-width digits are read as ASCII)');

export const EmailSchema = z.email().max(320);

/** A channel's user id or handle: trimmed, never empty. */
export const ChannelIdentitySchema = trimmed(200);
