import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, WriteHeaders } from '../../http/common.schemas.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { decodePositionCursor, encodeCursor, pageOf } from '../../http/pagination.ts';
import { actorOf } from '../events/actor.ts';
import { PUBLIC_RATE_LIMIT } from '../csat/csat.routes.ts';
import { OutcomeSchema, PublicOutcomeQuerySchema, PublicOutcomeSchema, PublishOutcomeSchema } from './outcomes.schemas.ts';
import { presentOutcome, presentPublicOutcome, type OutcomeService } from './outcomes.service.ts';

/** Public answers may be cached this long by browsers and proxies: a withdrawn note lingers at most a minute. */
const PUBLIC_MAX_AGE_S = 60;

export const outcomeRoutes: FastifyPluginAsyncZod<{ outcomes: OutcomeService }> = async (app, { outcomes }) => {
  app.get(
    '/v1/tickets/:id/outcome',
    {
      config: { scope: 'tickets:read' },
      schema: {
        tags: ['outcomes'],
        operationId: 'getTicketOutcome',
        summary: 'The outcome published for a suggestion or complaint (404 when none)',
        params: IdParams,
        response: { 200: OutcomeSchema, ...errorResponses({ extra: [404] }) },
      },
    },
    async (request) => presentOutcome(await outcomes.get(request.params.id)),
  );

  app.put(
    '/v1/tickets/:id/outcome',
    {
      config: { scope: 'outcomes:write' },
      schema: {
        tags: ['outcomes'],
        operationId: 'publishTicketOutcome',
        summary: 'Publish (or rewrite) what a suggestion or complaint changed, on the public outcomes feed',
        description:
          'Only the note, the ticket\'s type, the topic and tags given here and the date are ever public. A note or topic that looks like personal data (a name of the customer, an e-mail address, a link, a phone or order number) is refused (422 `outcomes.personal_data`); other tickets than suggestions and complaints too (422 `outcomes.wrong_type`). Records `outcome.published`.',
        params: IdParams,
        headers: WriteHeaders,
        body: PublishOutcomeSchema,
        response: { 200: OutcomeSchema, 201: OutcomeSchema, ...errorResponses({ write: true, extra: [404] }) },
      },
    },
    async (request, reply) => {
      const { row, created } = await outcomes.publish(request.params.id, request.body, actorOf(request.principal));
      return reply.code(created ? 201 : 200).send(presentOutcome(row));
    },
  );

  app.delete(
    '/v1/tickets/:id/outcome',
    {
      config: { scope: 'outcomes:write' },
      schema: {
        tags: ['outcomes'],
        operationId: 'withdrawTicketOutcome',
        summary: 'Withdraw a published outcome (records `outcome.withdrawn`)',
        params: IdParams,
        response: { 204: z.undefined(), ...errorResponses({ extra: [404] }) },
      },
    },
    async (request, reply) => {
      await outcomes.withdraw(request.params.id, actorOf(request.principal));
      return reply.code(204).send();
    },
  );

  app.get(
    '/v1/public/outcomes',
    {
      config: { rateLimit: PUBLIC_RATE_LIMIT },
      schema: {
        tags: ['outcomes'],
        operationId: 'listPublicOutcomes',
        summary: 'What customers\' feedback changed (反馈结果公示): public, newest first, cacheable',
        description: `No credentials. Each item is the note written for publication, its type, topic, tags and day: no names, no messages, no ticket. Rate-limited per address; \`Cache-Control: public, max-age=${PUBLIC_MAX_AGE_S}\`.`,
        querystring: PublicOutcomeQuerySchema,
        response: { 200: pageOf(PublicOutcomeSchema).meta({ id: 'PublicOutcomePage' }), ...errorResponses({ public: true }) },
      },
    },
    async (request, reply) => {
      const { limit, cursor, ...filters } = request.query;
      const rows = await outcomes.list(filters, limit, decodePositionCursor(cursor));
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      reply.header('cache-control', `public, max-age=${PUBLIC_MAX_AGE_S}`);
      return { data: page.map(presentPublicOutcome), nextCursor: rows.length > limit && last ? encodeCursor([last.publishedAt.toISOString(), last.id]) : null };
    },
  );
};
