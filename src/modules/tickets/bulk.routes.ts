import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, WriteHeaders } from '../../http/common.schemas.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { actorOf } from '../events/actor.ts';
import type { BulkJobRow, BulkJobs, BulkResult } from './bulk-jobs.ts';
import { BulkJobSchema, BulkUpdateTicketsSchema } from './bulk.schemas.ts';

function present(row: BulkJobRow) {
  const results = row.results as BulkResult[];
  return {
    id: row.id,
    status: row.status,
    total: row.total,
    done: results.length,
    failed: results.filter((r) => r.outcome === 'failed').length,
    results,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export const bulkRoutes: FastifyPluginAsyncZod<{ bulk: BulkJobs }> = async (app, { bulk }) => {
  app.post(
    '/v1/tickets/bulk',
    {
      config: { scope: 'tickets:write' },
      schema: {
        tags: ['tickets'],
        operationId: 'bulkUpdateTickets',
        summary: 'Change up to 100 tickets at once (status, priority, assignee, team, tags)',
        description: 'Accepted at once (202) and run in the background, ticket by ticket: an invalid ticket fails alone and is reported with its problem. Follow `Location`.',
        headers: WriteHeaders,
        body: BulkUpdateTicketsSchema,
        response: { 202: BulkJobSchema, ...errorResponses({ write: true }) },
      },
    },
    async (request, reply) => {
      const row = await bulk.submit(request.body, actorOf(request.principal));
      reply.header('location', `/v1/bulk-jobs/${row.id}`);
      return reply.code(202).send(present(row));
    },
  );

  app.get(
    '/v1/bulk-jobs/:id',
    {
      config: { scope: 'tickets:read' },
      schema: {
        tags: ['tickets'],
        operationId: 'getBulkTicketUpdate',
        summary: 'A bulk change: its progress and each ticket\'s outcome',
        params: IdParams,
        response: { 200: BulkJobSchema, ...errorResponses({ extra: [404] }) },
      },
    },
    async (request) => present(await bulk.find(request.params.id)),
  );
};
