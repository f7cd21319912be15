import { z } from 'zod';
import { Timestamp } from '../../http/common.schemas.ts';
import { TICKET_PRIORITIES } from '../tickets/tickets.table.ts';
import { MACRO_LANGUAGES, MACRO_STATUSES } from '../macros/macros.schemas.ts';

export const SuggestionQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(10).default(5).describe('How many suggestions, 1..10'),
});

export const SuggestionSchema = z
  .object({
    id: z.string().describe('What to send to `…/suggestions/{sid}/used`: the answer\'s ticket id or the macro id'),
    kind: z.enum(['answer', 'macro']),
    rank: z.number().int().describe('1 = the best'),
    score: z.number().describe('Similarity: 0 to 1 before a popularity boost of up to about +50 % (see README "Macros and suggested answers")'),
    matchedTerms: z.array(z.string()).describe('The question\'s terms it shares (at most 10)'),
    answer: z
      .object({
        ticketId: z.string(),
        ticketNumber: z.number().int(),
        subject: z.string(),
        solvedAt: Timestamp,
        similarTickets: z.number().int().describe('How many solved tickets asked the same'),
        replies: z.array(z.string()).describe('Its public agent replies, oldest first'),
      })
      .optional(),
    macro: z
      .object({
        id: z.string(),
        name: z.string(),
        language: z.enum(MACRO_LANGUAGES).nullable(),
        reply: z.string().nullable().describe('The reply as applying it would write it (placeholders filled)'),
        status: z.enum(MACRO_STATUSES).nullable(),
        priority: z.enum(TICKET_PRIORITIES).nullable(),
        addTags: z.array(z.string()),
        removeTags: z.array(z.string()),
      })
      .optional(),
  })
  .meta({ id: 'Suggestion' });

export const SuggestionsSchema = z
  .object({
    ticketId: z.string(),
    terms: z.array(z.string()).describe('The question\'s similarity terms (at most 30)'),
    data: z.array(SuggestionSchema),
  })
  .meta({ id: 'Suggestions' });

export const SuggestionParams = z.object({
  id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'not an id').describe('Ticket id'),
  sid: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'not an id').describe('The suggestion\'s id as it was shown'),
});

export const SuggestionUsedSchema = z
  .object({ ticketId: z.string(), id: z.string(), kind: z.enum(['answer', 'macro']), rank: z.number().int(), usedAt: Timestamp })
  .meta({ id: 'SuggestionUse' });

export const SuggestionReportQuerySchema = z.object({
  from: Timestamp.optional().describe('Suggestions first shown at or after (default: 30 days before `to`)'),
  to: Timestamp.optional().describe('… and before (default: now)'),
});

const Usage = z.object({ shown: z.number().int(), used: z.number().int(), useRate: z.number().nullable().describe('used / shown; null when none was shown') });

export const SuggestionReportSchema = z
  .object({
    from: Timestamp,
    to: Timestamp,
    total: Usage,
    byKind: z.array(Usage.extend({ kind: z.enum(['answer', 'macro']) })),
    byRank: z.array(Usage.extend({ rank: z.number().int() })),
  })
  .meta({ id: 'SuggestionReport' });
