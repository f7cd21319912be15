import { z } from 'zod';
import { Timestamp } from '../../http/common.schemas.ts';

export const SurveyTokenParams = z.object({
  token: z.string().min(10).max(200).regex(/^[A-Za-z0-9_.-]+$/, 'not a survey token'),
});

export const TicketSurveySchema = z
  .object({
    id: z.string(),
    status: z.enum(['scheduled', 'sent', 'answered', 'expired', 'cancelled']),
    token: z
      .string()
      .nullable()
      .describe('The customer\'s secret link token (send it through the channel; it is the only key to the page); null unless the caller holds `surveys:deliver`'),
    url: z.string().nullable().describe('The page the customer opens; null unless the caller holds `surveys:deliver`'),
    rating: z.number().int().min(1).max(5).nullable(),
    comment: z.string().nullable(),
    reasons: z.array(z.string()),
    language: z.string(),
    sendAt: Timestamp,
    sentAt: Timestamp.nullable(),
    expiresAt: Timestamp.nullable(),
    answeredAt: Timestamp.nullable(),
    history: z.array(z.object({ rating: z.number().int(), comment: z.string().nullable(), reasons: z.array(z.string()), createdAt: Timestamp })),
  })
  .meta({ id: 'TicketSurvey', description: 'The ticket\'s satisfaction survey: its state, the answer and earlier answers' });

export const PublicSurveySchema = z
  .object({
    status: z.enum(['sent', 'answered']),
    ticketNumber: z.number().int().nullable(),
    language: z.enum(['zh-Hans', 'zh-Hant', 'en']),
    scale: z.literal(5),
    reasonOptions: z.array(z.string()),
    rating: z.number().int().min(1).max(5).nullable(),
    comment: z.string().nullable(),
    reasons: z.array(z.string()),
    expiresAt: Timestamp.nullable(),
  })
  .meta({ id: 'PublicSurvey', description: 'What the customer\'s page shows; nothing else about the ticket' });

export const SurveyAnswerSchema = z
  .object({
    // A number, as documented: coercion read `true` (or `[]`, `""`) as a rating, and `true` is a 1, a negative answer.
    rating: z.number().int().min(1).max(5),
    comment: z.string().max(2_000).refine((v) => !v.includes('\u0000'), 'must not contain NUL characters').optional(),
    reasons: z.array(z.string().max(100)).max(12).optional(),
  })
  .meta({ id: 'SurveyAnswer' });
