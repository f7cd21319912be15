import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, UpdateHeaders, WriteHeaders } from '../../http/common.schemas.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { byCreatedAt, decodePositionCursor, pageOf, PageQuerySchema, toPage } from '../../http/pagination.ts';
import { parseIfMatch } from '../../http/if-match.ts';
import { TicketSchema } from '../tickets/tickets.schemas.ts';
import { presentTickets } from '../tickets/tickets.routes.ts';
import type { TicketService } from '../tickets/tickets.service.ts';
import {
  CreateCustomerSchema,
  CustomerDetailSchema,
  CustomerListItemSchema,
  CustomerListQuerySchema,
  CustomerSchema,
  UpdateCustomerSchema,
} from './customers.schemas.ts';
import { presentCustomer, presentCustomerSummary } from './customers.presenter.ts';
import type { CustomerService } from './customers.service.ts';

export const customerRoutes: FastifyPluginAsyncZod<{ customers: CustomerService; tickets: TicketService }> = async (
  app,
  { customers, tickets },
) => {
  app.get(
    '/v1/customers',
    {
      config: { scope: 'customers:read' },
      schema: {
        tags: ['customers'],
        operationId: 'listCustomers',
        summary: 'The customer archive, newest first; `q` searches names, emails, phones and handles',
        querystring: CustomerListQuerySchema,
        response: { 200: pageOf(CustomerListItemSchema).meta({ id: 'CustomerPage' }), ...errorResponses() },
      },
    },
    async (request) => {
      const { limit, cursor, q } = request.query;
      const after = decodePositionCursor(cursor);
      const rows = await customers.list({ limit: limit + 1, ...(after ? { after } : {}), ...(q ? { q } : {}) });
      return toPage(rows, limit, presentCustomerSummary, byCreatedAt);
    },
  );

  app.post(
    '/v1/customers',
    {
      config: { scope: 'customers:write' },
      schema: {
        tags: ['customers'],
        operationId: 'createCustomer',
        summary: 'Add a customer by hand',
        description: 'An email or phone already on file answers 409 `customers.exists` with only that customer\'s `existingId`.',
        headers: WriteHeaders,
        body: CreateCustomerSchema,
        response: { 201: CustomerSchema, ...errorResponses({ write: true }) },
      },
    },
    async (request, reply) => {
      const row = await customers.create(request.body);
      const { identities } = await customers.detail(row.id);
      return reply.code(201).header('etag', `"${row.version}"`).send(presentCustomer(row, identities));
    },
  );

  app.get(
    '/v1/customers/:id',
    {
      config: { scope: 'customers:read' },
      schema: {
        tags: ['customers'],
        operationId: 'getCustomer',
        summary: 'A customer with every channel identity and ticket counts by type',
        params: IdParams,
        response: { 200: CustomerDetailSchema, ...errorResponses({ extra: [404] }) },
      },
    },
    async (request, reply) => {
      const { row, identities, ticketCounts } = await customers.detail(request.params.id);
      reply.header('etag', `"${row.version}"`);
      return { ...presentCustomer(row, identities), ticketCounts };
    },
  );

  app.patch(
    '/v1/customers/:id',
    {
      config: { scope: 'customers:write' },
      schema: {
        tags: ['customers'],
        operationId: 'updateCustomer',
        summary: 'Correct a customer\'s name, email or phone',
        description: 'An erased customer (`DELETE /v1/customers/{id}`) answers 409 `customers.erased`: a person who writes again becomes a new customer.',
        params: IdParams,
        headers: UpdateHeaders,
        body: UpdateCustomerSchema,
        response: { 200: CustomerSchema, ...errorResponses({ write: true, extra: [404, 412] }) },
      },
    },
    async (request, reply) => {
      const row = await customers.update(request.params.id, request.body, parseIfMatch(request.headers['if-match']));
      const { identities } = await customers.detail(row.id);
      reply.header('etag', `"${row.version}"`);
      return presentCustomer(row, identities);
    },
  );

  app.get(
    '/v1/customers/:id/tickets',
    {
      config: { scope: 'tickets:read' },
      schema: {
        tags: ['customers'],
        operationId: 'listCustomerTickets',
        summary: 'The customer\'s ticket history across channels, newest first',
        params: IdParams,
        querystring: PageQuerySchema,
        response: { 200: pageOf(TicketSchema).meta({ id: 'CustomerTicketPage' }), ...errorResponses({ extra: [404] }) },
      },
    },
    async (request) => {
      await customers.get(request.params.id);
      const { limit, cursor } = request.query;
      const rows = await tickets.list({ customerId: request.params.id }, limit, decodePositionCursor(cursor));
      const page = toPage(rows, limit, (row) => row, byCreatedAt);
      return { data: await presentTickets(tickets, page.data), nextCursor: page.nextCursor };
    },
  );
};
