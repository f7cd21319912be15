import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, UpdateHeaders, WriteHeaders } from '../../http/common.schemas.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { byCreatedAt, decodePositionCursor, pageOf, toPage } from '../../http/pagination.ts';
import { parseIfMatch } from '../../http/if-match.ts';
import type { AgentRow } from './agents.repository.ts';
import { AgentListQuerySchema, AgentSchema, CreateAgentSchema, UpdateAgentSchema } from './agents.schemas.ts';
import type { AgentService } from './agents.service.ts';

/** Never the password hash: the response schema is an explicit pick. */
const present = (row: AgentRow) => ({
  id: row.id,
  name: row.name,
  email: row.email,
  role: row.role,
  teamId: row.teamId,
  active: row.active,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});

export const agentRoutes: FastifyPluginAsyncZod<{ agents: AgentService }> = async (app, { agents }) => {
  app.get(
    '/v1/agents',
    {
      config: { scope: 'agents:read' },
      schema: {
        tags: ['agents'],
        operationId: 'listAgents',
        summary: 'List agents',
        querystring: AgentListQuerySchema,
        response: { 200: pageOf(AgentSchema).meta({ id: 'AgentPage' }), ...errorResponses() },
      },
    },
    async (request) => {
      const { limit, cursor, teamId } = request.query;
      return toPage(await agents.list(limit + 1, decodePositionCursor(cursor), teamId), limit, present, byCreatedAt);
    },
  );

  app.post(
    '/v1/agents',
    {
      config: { scope: 'agents:write' },
      schema: {
        tags: ['agents'],
        operationId: 'createAgent',
        summary: 'Create an agent who can sign in to the helpdesk',
        headers: WriteHeaders,
        body: CreateAgentSchema,
        response: { 201: AgentSchema, ...errorResponses({ write: true }) },
      },
    },
    async (request, reply) => reply.code(201).send(present(await agents.create(request.body))),
  );

  app.get(
    '/v1/agents/:id',
    {
      config: { scope: 'agents:read' },
      schema: {
        tags: ['agents'],
        operationId: 'getAgent',
        summary: 'Get an agent',
        params: IdParams,
        response: { 200: AgentSchema, ...errorResponses({ extra: [404] }) },
      },
    },
    async (request) => present(await agents.get(request.params.id)),
  );

  app.patch(
    '/v1/agents/:id',
    {
      config: { scope: 'agents:write' },
      schema: {
        tags: ['agents'],
        operationId: 'updateAgent',
        summary: 'Change an agent\'s name, role, team, password, or deactivate them',
        params: IdParams,
        headers: UpdateHeaders,
        body: UpdateAgentSchema,
        response: { 200: AgentSchema, ...errorResponses({ write: true, extra: [404, 412] }) },
      },
    },
    async (request) => present(await agents.update(request.params.id, request.body, parseIfMatch(request.headers['if-match']))),
  );
};
