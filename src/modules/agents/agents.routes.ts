import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, UpdateHeaders, WriteHeaders } from '../../http/common.schemas.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { byCreatedAt, decodePositionCursor, pageOf, toPage } from '../../http/pagination.ts';
import { parseIfMatch } from '../../http/if-match.ts';
import { callerOf } from '../../http/auth.ts';
import { AgentListQuerySchema, AgentSchema, CreateAgentSchema, UpdateAgentSchema, UpdateOwnAgentSchema } from './agents.schemas.ts';
import { notAnAgent } from '../auth/auth.errors.ts';
import type { AgentService, AgentView } from './agents.service.ts';

/** Never the password hash: the response schema is an explicit pick. */
const present = (row: AgentView & { openTickets?: number | null }) => ({
  id: row.id,
  name: row.name,
  email: row.email,
  role: row.role,
  teamId: row.teamId,
  active: row.active,
  status: row.status,
  loadCap: row.loadCap,
  ...(row.openTickets === undefined ? {} : { openTickets: row.openTickets }),
  signInLockedUntil: row.signInLockedUntil?.toISOString() ?? null,
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
        description: 'The caller must hold every scope of the role it gives (403 `auth.grant_exceeds_caller`): nobody creates someone more powerful than themselves.',
        headers: WriteHeaders,
        body: CreateAgentSchema,
        response: { 201: AgentSchema, ...errorResponses({ write: true }) },
      },
    },
    async (request, reply) => reply.code(201).send(present(await agents.create(request.body, callerOf(request)))),
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
    '/v1/agents/me',
    {
      config: { scope: 'tickets:write' },
      schema: {
        tags: ['agents'],
        operationId: 'updateOwnAgent',
        summary: 'Set your own status (available, away): the agent of the helpdesk session or of the key acting for one',
        description: 'Round-robin routing skips agents who are away. A key acting for no agent is refused (403 `auth.not_an_agent`).',
        headers: WriteHeaders,
        body: UpdateOwnAgentSchema,
        response: { 200: AgentSchema, ...errorResponses({ write: true }) },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      if (!caller.agentId) throw notAnAgent();
      return present(await agents.setOwnStatus(caller.agentId, request.body.status));
    },
  );

  app.patch(
    '/v1/agents/:id',
    {
      config: { scope: 'agents:write' },
      schema: {
        tags: ['agents'],
        operationId: 'updateAgent',
        summary: 'Change an agent\'s name, role, team, status, load cap, password, or deactivate them',
        description:
          'Only a caller holding every scope of the agent\'s current role changes them at all (403 `auth.target_exceeds_caller`), and a new ' +
          'role only within the caller\'s own scopes (403 `auth.grant_exceeds_caller`). A new password or a deactivation ends the agent\'s ' +
          'helpdesk sessions (an agent changing their own password keeps the session they did it from); keys acting for a deactivated agent ' +
          'stop working. A new password or `signInLockedUntil: null` unlocks a sign-in locked by wrong passwords.',
        params: IdParams,
        headers: UpdateHeaders,
        body: UpdateAgentSchema,
        response: { 200: AgentSchema, ...errorResponses({ write: true, extra: [404, 412] }) },
      },
    },
    async (request) => present(await agents.update(request.params.id, request.body, parseIfMatch(request.headers['if-match']), callerOf(request))),
  );
};
