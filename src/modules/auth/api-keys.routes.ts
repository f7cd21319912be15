import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { callerOf } from '../../http/auth.ts';
import { IdParams, WriteHeaders } from '../../http/common.schemas.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { byCreatedAt, decodePositionCursor, pageOf, PageQuerySchema, toPage } from '../../http/pagination.ts';
import { unprocessable } from '../../http/problem.ts';
import type { AgentService } from '../agents/agents.service.ts';
import type { ApiKeyRow } from './api-keys.repository.ts';
import { ApiKeySchema, CreateApiKeySchema, CreatedApiKeySchema } from './api-keys.schemas.ts';
import type { ApiKeyService } from './api-keys.service.ts';

const present = (row: ApiKeyRow) => ({
  id: row.id,
  name: row.name,
  hint: row.hint,
  scopes: row.scopes,
  agentId: row.agentId,
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt?.toISOString() ?? null,
  rateLimitPerMinute: row.rateLimitPerMinute,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

export const apiKeyRoutes: FastifyPluginAsyncZod<{ apiKeys: ApiKeyService; agents: Pick<AgentService, 'get'> }> = async (
  app,
  { apiKeys, agents },
) => {
  app.get(
    '/v1/api-keys',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['api-keys'],
        operationId: 'listApiKeys',
        summary: 'List API keys (never their secrets)',
        querystring: PageQuerySchema,
        response: { 200: pageOf(ApiKeySchema).meta({ id: 'ApiKeyPage' }), ...errorResponses() },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      return toPage(await apiKeys.list(limit + 1, decodePositionCursor(cursor)), limit, present, byCreatedAt);
    },
  );

  app.post(
    '/v1/api-keys',
    {
      // Its response carries the secret, which must never be stored for replay.
      config: { scope: 'admin', idempotency: false },
      schema: {
        tags: ['api-keys'],
        operationId: 'createApiKey',
        summary: 'Create a key with scopes; the secret is in this response only',
        description:
          'A key carries only scopes the caller holds (403 `auth.grant_exceeds_caller`). A key acting for an agent (`agentId`) is one of their ' +
          'credentials: the caller must hold every scope of the agent\'s role (403 `auth.target_exceeds_caller`), the key\'s scopes must fit ' +
          'within that role (422 `api_keys.scopes_exceed_agent_role`), and it works only while the agent is active, within their current role.',
        headers: WriteHeaders,
        body: CreateApiKeySchema,
        response: { 201: CreatedApiKeySchema, ...errorResponses({ write: true }) },
      },
    },
    async (request, reply) => {
      const { agentId, expiresAt, ...rest } = request.body;
      const actingFor = agentId
        ? await agents.get(agentId).catch(() => {
            throw unprocessable('api_keys.unknown_agent', `No agent ${agentId}`, [{ path: 'body.agentId', message: 'does not exist' }]);
          })
        : undefined;
      const { row, secret } = await apiKeys.create({ ...rest, expiresAt: expiresAt ? new Date(expiresAt) : null }, callerOf(request), actingFor);
      // The secret must never be replayed from the idempotency store or cached by a proxy.
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ apiKey: present(row), secret });
    },
  );

  app.get(
    '/v1/api-keys/:id',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['api-keys'],
        operationId: 'getApiKey',
        summary: 'Get an API key',
        params: IdParams,
        response: { 200: ApiKeySchema, ...errorResponses({ extra: [404] }) },
      },
    },
    async (request) => present(await apiKeys.get(request.params.id)),
  );

  app.delete(
    '/v1/api-keys/:id',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['api-keys'],
        operationId: 'revokeApiKey',
        summary: 'Revoke a key (it stops working within seconds)',
        params: IdParams,
        response: { 200: ApiKeySchema, ...errorResponses({ extra: [404] }) },
      },
    },
    async (request) => present(await apiKeys.revoke(request.params.id)),
  );
};
