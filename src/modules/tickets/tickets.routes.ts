import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, UpdateHeaders, WriteHeaders } from '../../http/common.schemas.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { byCreatedAt, decodeDueCursor, decodePositionCursor, decodeRankCursor, decodeSeqCursor, pageOf, PageQuerySchema, toPage } from '../../http/pagination.ts';
import { parseIfMatch } from '../../http/if-match.ts';
import { actorOf } from '../events/actor.ts';
import { EventSchema } from '../events/events.schemas.ts';
import { queryExpression } from '../search/search-tokens.ts';
import { highlight } from '../search/search-highlight.ts';
import type { TicketSearch } from '../search/ticket-search.ts';
import { MessageSchema, CreateMessageSchema } from '../messages/messages.schemas.ts';
import { presentMessage } from '../messages/messages.presenter.ts';
import { CreateTicketSchema, TicketListItemSchema, TicketListQuerySchema, TicketSchema, UpdateTicketSchema } from './tickets.schemas.ts';
import { etagOf, presentTicket } from './tickets.presenter.ts';
import type { TicketService } from './tickets.service.ts';
import type { TicketFilters, TicketRow } from './tickets.repository.ts';
import { canSeeSurveyLinks } from '../csat/survey-link-access.ts';
import { presentEvent } from '../events/events.presenter.ts';

const TicketWithMessage = z.object({ ticket: TicketSchema, message: MessageSchema }).meta({ id: 'TicketWithMessage' });

/** Tickets as the API shows them: with their SLA entries, loaded in one query per page. */
export async function presentTickets(tickets: Pick<TicketService, 'slaOf'>, rows: TicketRow[]) {
  const sla = await tickets.slaOf(rows.map((row) => row.id));
  return rows.map((row) => presentTicket(row, sla.get(row.id) ?? []));
}

export async function presentOne(tickets: Pick<TicketService, 'slaOf'>, row: TicketRow) {
  return (await presentTickets(tickets, [row]))[0]!;
}

export const ticketRoutes: FastifyPluginAsyncZod<{ tickets: TicketService }> = async (app, { tickets }) => {
  app.get(
    '/v1/tickets',
    {
      config: { scope: 'tickets:read' },
      schema: {
        tags: ['tickets'],
        operationId: 'listTickets',
        summary: 'List tickets, newest first, with filters and full-text search',
        querystring: TicketListQuerySchema,
        response: { 200: pageOf(TicketListItemSchema).meta({ id: 'TicketPage' }), ...errorResponses() },
      },
    },
    async (request) => {
      const { limit, cursor, q, assigneeId, createdFrom, createdTo, sort, needsReview, ...rest } = request.query;
      const filters: TicketFilters = { ...rest };
      if (needsReview !== undefined) filters.needsReview = needsReview === 'true';
      if (assigneeId !== undefined) filters.assigneeId = assigneeId === 'none' ? null : assigneeId;
      if (createdFrom) filters.createdFrom = new Date(createdFrom);
      if (createdTo) filters.createdTo = new Date(createdTo);
      let search: TicketSearch | undefined;
      if (q !== undefined) {
        const expression = queryExpression(q);
        // Nothing searchable in q (only punctuation): no ticket can match.
        if (!expression) return { data: [], nextCursor: null };
        filters.search = search = await tickets.planSearch(expression);
      }
      const page =
        sort === 'due'
          ? toPage(await tickets.listByDue(filters, limit, decodeDueCursor(cursor)), limit, (row) => row, (row) => [row.nextDueAt.toISOString(), row.id])
          : sort === 'relevance' && search
            ? toPage(await tickets.listByRelevance({ ...filters, search }, limit, decodeRankCursor(cursor)), limit, (row) => row, (row) => [row.rank, row.createdAt.toISOString(), row.id])
            : toPage(await tickets.list(filters, limit, decodePositionCursor(cursor)), limit, (row) => row, byCreatedAt);
      const data = await presentTickets(tickets, page.data);
      if (search && q !== undefined) {
        const texts = await tickets.matchingTexts(page.data.map((row) => row.id), search);
        for (const item of data as { id: string; highlight?: string }[]) {
          const snippet = highlight(texts.get(item.id) ?? '', q);
          if (snippet !== null) item.highlight = snippet;
        }
      }
      return { data, nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/v1/tickets',
    {
      config: { scope: 'tickets:write' },
      schema: {
        tags: ['tickets'],
        operationId: 'createTicket',
        summary: 'Open a ticket by hand (e.g. an agent logging a phone call)',
        headers: WriteHeaders,
        body: CreateTicketSchema,
        response: { 201: TicketWithMessage, ...errorResponses({ write: true }) },
      },
    },
    async (request, reply) => {
      const result = await tickets.create(request.body, actorOf(request.principal), request.principal?.agentId ?? null);
      reply.header('location', `/v1/tickets/${result.ticket.id}`).header('etag', etagOf(result.ticket));
      return reply.code(201).send({ ticket: await presentOne(tickets, result.ticket), message: presentMessage(result.message) });
    },
  );

  app.get(
    '/v1/tickets/:id',
    {
      config: { scope: 'tickets:read' },
      schema: {
        tags: ['tickets'],
        operationId: 'getTicket',
        summary: 'Get a ticket (with an ETag)',
        params: IdParams,
        response: { 200: TicketSchema, ...errorResponses({ extra: [404] }) },
      },
    },
    async (request, reply) => {
      const row = await tickets.get(request.params.id);
      reply.header('etag', etagOf(row));
      return presentOne(tickets, row);
    },
  );

  app.patch(
    '/v1/tickets/:id',
    {
      config: { scope: 'tickets:write' },
      schema: {
        tags: ['tickets'],
        operationId: 'updateTicket',
        summary: 'Change status, priority, type, assignee, team, tags or subject',
        description: 'Status changes follow the allowed transitions. Send `If-Match` with the version you read to avoid lost updates (412 when stale).',
        params: IdParams,
        headers: UpdateHeaders,
        body: UpdateTicketSchema,
        response: { 200: TicketSchema, ...errorResponses({ write: true, extra: [404, 412] }) },
      },
    },
    async (request, reply) => {
      const expected = parseIfMatch(request.headers['if-match']);
      const { row } = await tickets.update(request.params.id, request.body, actorOf(request.principal), expected);
      reply.header('etag', etagOf(row));
      return presentOne(tickets, row);
    },
  );

  app.post(
    '/v1/tickets/:id/classification/confirm',
    {
      config: { scope: 'tickets:write' },
      schema: {
        tags: ['tickets'],
        operationId: 'confirmTicketType',
        summary: "Confirm the ticket's type as it stands: the model's doubt is answered without a change",
        description:
          'Sets `typeReviewedAt` (a change of `type` sets it too), so the ticket leaves `needsReview=true`, removes the review ' +
          'queue\'s `needs-review` tag if it has it (as a change of tags, its own event), and records a ' +
          '`ticket.updated` event with cause `classification.confirmed`. A repeat answers the ticket as it is. ' +
          'Not a correction: the model\'s accuracy counts corrections (`classification_corrections`) only. ' +
          '409 `tickets.not_classified` when the model never classified the ticket. Send `If-Match` to confirm only the version you read.',
        params: IdParams,
        headers: UpdateHeaders,
        response: { 200: TicketSchema, ...errorResponses({ write: true, extra: [404, 412] }) },
      },
    },
    async (request, reply) => {
      const expected = parseIfMatch(request.headers['if-match']);
      const { row } = await tickets.confirmType(request.params.id, actorOf(request.principal), expected);
      reply.header('etag', etagOf(row));
      return presentOne(tickets, row);
    },
  );

  app.get(
    '/v1/tickets/:id/messages',
    {
      config: { scope: 'tickets:read' },
      schema: {
        tags: ['tickets'],
        operationId: 'listTicketMessages',
        summary: 'The conversation, oldest first (internal notes included)',
        params: IdParams,
        querystring: PageQuerySchema,
        response: { 200: pageOf(MessageSchema).meta({ id: 'MessagePage' }), ...errorResponses({ extra: [404] }) },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const rows = await tickets.messages(request.params.id, limit, decodePositionCursor(cursor));
      return toPage(rows, limit, presentMessage, byCreatedAt);
    },
  );

  app.post(
    '/v1/tickets/:id/messages',
    {
      config: { scope: 'tickets:write' },
      schema: {
        tags: ['tickets'],
        operationId: 'createTicketMessage',
        summary: 'Add a message: an agent reply (public), an internal note, or what the customer said',
        params: IdParams,
        headers: WriteHeaders,
        body: CreateMessageSchema,
        response: { 201: TicketWithMessage, ...errorResponses({ write: true, extra: [404] }) },
      },
    },
    async (request, reply) => {
      const result = await tickets.addMessage(request.params.id, request.body, actorOf(request.principal), request.principal?.agentId ?? null);
      return reply.code(201).send({ ticket: await presentOne(tickets, result.ticket), message: presentMessage(result.message) });
    },
  );

  app.get(
    '/v1/tickets/:id/events',
    {
      config: { scope: 'tickets:read' },
      schema: {
        tags: ['tickets'],
        operationId: 'listTicketEvents',
        summary: 'The ticket timeline: what happened, who did it, when',
        params: IdParams,
        querystring: PageQuerySchema,
        response: { 200: pageOf(EventSchema).meta({ id: 'EventPage' }), ...errorResponses({ extra: [404] }) },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const rows = await tickets.events(request.params.id, limit, decodeSeqCursor(cursor));
      const showSurveyLinks = canSeeSurveyLinks(request.principal);
      return toPage(rows, limit, (row) => presentEvent(row, showSurveyLinks), (row) => [row.seq]);
    },
  );
};
