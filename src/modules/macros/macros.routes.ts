import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, UpdateHeaders, WriteHeaders } from '../../http/common.schemas.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { byCreatedAt, decodePositionCursor, pageOf, toPage } from '../../http/pagination.ts';
import { parseIfMatch } from '../../http/if-match.ts';
import { actorOf } from '../events/actor.ts';
import { MessageSchema } from '../messages/messages.schemas.ts';
import { presentMessage } from '../messages/messages.presenter.ts';
import { TicketSchema } from '../tickets/tickets.schemas.ts';
import { etagOf } from '../tickets/tickets.presenter.ts';
import { presentOne } from '../tickets/tickets.routes.ts';
import type { TicketService } from '../tickets/tickets.service.ts';
import { ApplyMacroParams, ApplyMacroQuerySchema, CreateMacroSchema, MACRO_LANGUAGES, MacroListQuerySchema, MacroSchema, UpdateMacroSchema } from './macros.schemas.ts';
import { presentMacro } from './macros.presenter.ts';
import type { MacroService } from './macros.service.ts';

const AppliedMacroSchema = z
  .object({
    ticket: TicketSchema,
    message: MessageSchema.nullable().describe('The reply it wrote (null: the macro has none)'),
    macro: z.object({ id: z.string(), name: z.string() }),
    language: z.enum(MACRO_LANGUAGES).nullable(),
    changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).describe('Each ticket field it changed, before and after'),
  })
  .meta({ id: 'AppliedMacro' });

export const macroRoutes: FastifyPluginAsyncZod<{ macros: MacroService; tickets: TicketService }> = async (app, { macros, tickets }) => {
  app.get(
    '/v1/macros',
    {
      config: { scope: 'macros:read' },
      schema: {
        tags: ['macros'],
        operationId: 'listMacros',
        summary: 'Macros (canned replies), newest first: global ones and each team\'s',
        querystring: MacroListQuerySchema,
        response: { 200: pageOf(MacroSchema).meta({ id: 'MacroPage' }), ...errorResponses() },
      },
    },
    async (request) => {
      const { limit, cursor, teamId, active, type } = request.query;
      const rows = await macros.list({ teamId, type, active: active === undefined ? undefined : active === 'true' }, limit, decodePositionCursor(cursor));
      return toPage(rows, limit, presentMacro, byCreatedAt);
    },
  );

  app.post(
    '/v1/macros',
    {
      config: { scope: 'macros:write' },
      schema: {
        tags: ['macros'],
        operationId: 'createMacro',
        summary: 'Create a macro: a reply per language with placeholders, and a status, priority and tags to set',
        headers: WriteHeaders,
        body: CreateMacroSchema,
        response: { 201: MacroSchema, ...errorResponses({ write: true }) },
      },
    },
    async (request, reply) => {
      const row = await macros.create(request.body);
      reply.header('location', `/v1/macros/${row.id}`).header('etag', etagOf(row));
      return reply.code(201).send(presentMacro(row));
    },
  );

  app.get(
    '/v1/macros/:id',
    {
      config: { scope: 'macros:read' },
      schema: { tags: ['macros'], operationId: 'getMacro', summary: 'Get a macro (with an ETag)', params: IdParams, response: { 200: MacroSchema, ...errorResponses({ extra: [404] }) } },
    },
    async (request, reply) => {
      const row = await macros.get(request.params.id);
      reply.header('etag', etagOf(row));
      return presentMacro(row);
    },
  );

  app.patch(
    '/v1/macros/:id',
    {
      config: { scope: 'macros:write' },
      schema: {
        tags: ['macros'],
        operationId: 'updateMacro',
        summary: 'Change a macro (If-Match: the version you read)',
        params: IdParams,
        headers: UpdateHeaders,
        body: UpdateMacroSchema,
        response: { 200: MacroSchema, ...errorResponses({ write: true, extra: [404, 412] }) },
      },
    },
    async (request, reply) => {
      const row = await macros.update(request.params.id, request.body, parseIfMatch(request.headers['if-match']));
      reply.header('etag', etagOf(row));
      return presentMacro(row);
    },
  );

  app.delete(
    '/v1/macros/:id',
    {
      config: { scope: 'macros:write' },
      schema: {
        tags: ['macros'],
        operationId: 'deleteMacro',
        summary: 'Delete a macro (tickets it was applied to keep their replies and events)',
        params: IdParams,
        response: { 204: z.undefined(), ...errorResponses({ extra: [404] }) },
      },
    },
    async (request, reply) => {
      await macros.remove(request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/v1/tickets/:id/macros/:macroId/apply',
    {
      config: { scope: 'tickets:write' },
      schema: {
        tags: ['macros'],
        operationId: 'applyMacro',
        summary: 'Apply a macro to a ticket: its reply, status, priority and tags as one change',
        description:
          'One transaction: the reply (placeholders filled, in the ticket\'s language unless `?language=` says otherwise), then the status, priority and tags; events `message.created`, `ticket.updated`, then `ticket.macro_applied`. Send an `Idempotency-Key`: a retry with it answers the first result and changes nothing again. `If-Match` (the ticket\'s version) guards against applying to a ticket that changed. A team\'s macro applies only to that team\'s tickets (422).',
        params: ApplyMacroParams,
        headers: UpdateHeaders,
        querystring: ApplyMacroQuerySchema,
        response: { 200: AppliedMacroSchema, ...errorResponses({ write: true, extra: [404, 412] }) },
      },
    },
    async (request, reply) => {
      const result = await macros.apply(
        request.params.id,
        request.params.macroId,
        { language: request.query.language, expectedVersion: parseIfMatch(request.headers['if-match']) },
        actorOf(request.principal),
        request.principal?.agentId ?? null,
      );
      reply.header('etag', etagOf(result.ticket));
      return {
        ticket: await presentOne(tickets, result.ticket),
        message: result.message ? presentMessage(result.message) : null,
        macro: result.macro,
        language: result.language,
        changes: result.changes,
      };
    },
  );
};
