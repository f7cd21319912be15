import { z } from 'zod';
import { Timestamp } from '../../http/common.schemas.ts';
import { ProblemSchema } from '../../http/problem.ts';
import { UpdateTicketSchema } from './tickets.schemas.ts';

export const BULK_LIMIT = 100;

export const BulkUpdateTicketsSchema = z
  .object({
    ticketIds: z.array(z.string().min(1).max(64)).min(1).max(BULK_LIMIT).describe(`Up to ${BULK_LIMIT} tickets`),
    changes: UpdateTicketSchema.pick({ status: true, priority: true, assigneeId: true, teamId: true, tags: true })
      .strict()
      .refine((c) => Object.keys(c).length > 0, { message: 'give at least one change' })
      .describe('Applied to each ticket as a PATCH would be (its own transaction and `ticket.updated` event)'),
  })
  .strict()
  .meta({ id: 'BulkUpdateTickets' });

export const BulkResultSchema = z
  .object({
    ticketId: z.string(),
    outcome: z.enum(['updated', 'failed']),
    version: z.number().int().optional().describe("The ticket's version after the change"),
    problem: ProblemSchema.optional().describe('Why this ticket was not changed (the others were)'),
  })
  .meta({ id: 'BulkResult' });

export const BulkJobSchema = z
  .object({
    id: z.string(),
    status: z.enum(['queued', 'running', 'done']),
    total: z.number().int(),
    done: z.number().int().describe('Tickets handled so far'),
    failed: z.number().int(),
    results: z.array(BulkResultSchema).describe('One per handled ticket, in request order'),
    createdAt: Timestamp,
    finishedAt: Timestamp.nullable(),
  })
  .meta({ id: 'BulkJob' });
