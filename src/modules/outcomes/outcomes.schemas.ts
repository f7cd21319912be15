import { z } from 'zod';
import { trimmed } from '../../http/common.schemas.ts';
import { TagSchema } from '../tickets/tag.schema.ts';

export const OUTCOME_TYPES = ['complaint', 'suggestion'] as const;

export const PublishOutcomeSchema = z
  .object({
    note: trimmed(1_000).describe('Written for publication: what changed because of this feedback. No names, contact details or order numbers (422).'),
    topic: trimmed(100).nullable().optional().describe('What it was about, as the public should read it (e.g. 配送, 电饭煲 R2)'),
    tags: z.array(TagSchema).max(10).transform((tags) => [...new Set(tags)]).optional().describe('Tags to show with it (none by default; the ticket\'s own are not copied)'),
  })
  .strict()
  .meta({ id: 'PublishOutcome' });

export type PublishOutcomeInput = z.infer<typeof PublishOutcomeSchema>;

/** What staff see: the published row and the ticket it belongs to. */
export const OutcomeSchema = z
  .object({
    id: z.string(),
    ticketId: z.string(),
    type: z.enum(OUTCOME_TYPES),
    note: z.string(),
    topic: z.string().nullable(),
    tags: z.array(z.string()),
    publishedAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'Outcome' });

/** What the public sees: no ticket, no customer, no time of day. */
export const PublicOutcomeSchema = z
  .object({
    id: z.string(),
    type: z.enum(OUTCOME_TYPES),
    note: z.string(),
    topic: z.string().nullable(),
    tags: z.array(z.string()),
    date: z.iso.date().describe('The day it was published (UTC)'),
  })
  .meta({ id: 'PublicOutcome' });

export const PublicOutcomeQuerySchema = z.object({
  type: z.enum(OUTCOME_TYPES).optional(),
  topic: z.string().max(100).optional().describe('Exactly this topic'),
  tag: TagSchema.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20).describe('Page size, 1..50'),
  cursor: z.string().max(300).optional().describe('`nextCursor` of the previous page'),
});
