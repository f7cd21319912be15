import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, UpdateHeaders } from '../../http/common.schemas.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { parseIfMatch } from '../../http/if-match.ts';
import { decodePositionCursor, encodeCursor, pageOf } from '../../http/pagination.ts';
import { preconditionFailed } from '../../http/problem.ts';
import type { Clock } from '../../shared/clock.ts';
import { actorOf } from '../events/actor.ts';
import { AlertRulesSchema, PutAlertRulesSchema } from './alert-rules.schemas.ts';
import type { AlertRulesRepository } from './alert-rules.repository.ts';
import { AlertListQuerySchema, AlertSchema, PatchAlertSchema } from './alerts.schemas.ts';
import type { AlertService } from './alerts.service.ts';

export const alertRoutes: FastifyPluginAsyncZod<{ alerts: AlertService; rules: AlertRulesRepository; clock: Clock }> = async (app, { alerts, rules, clock }) => {
  app.get(
    '/v1/alerts',
    {
      config: { scope: 'reports:read' },
      schema: {
        tags: ['alerts'],
        operationId: 'listAlerts',
        summary: 'Crisis alerts, newest first, by status, level and when they were raised',
        querystring: AlertListQuerySchema,
        response: { 200: pageOf(AlertSchema).meta({ id: 'AlertPage' }), ...errorResponses() },
      },
    },
    async (request) => {
      const q = request.query;
      const { rows, show } = await alerts.list(
        { status: q.status, level: q.level, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined },
        q.limit,
        decodePositionCursor(q.cursor),
      );
      const page = rows.slice(0, q.limit);
      const last = page[page.length - 1];
      return { data: page.map(show), nextCursor: rows.length > q.limit && last ? encodeCursor([last.raisedAt.toISOString(), last.id]) : null };
    },
  );

  app.get(
    '/v1/alerts/:id',
    {
      config: { scope: 'reports:read' },
      schema: {
        tags: ['alerts'],
        operationId: 'getAlert',
        summary: 'A crisis alert with its evidence, the playbook\'s actions for its level and its history',
        params: IdParams,
        response: { 200: AlertSchema, ...errorResponses({ extra: [404] }) },
      },
    },
    async (request, reply) => {
      const alert = await alerts.get(request.params.id);
      reply.header('etag', `"${alert.version}"`);
      return alert;
    },
  );

  app.patch(
    '/v1/alerts/:id',
    {
      config: { scope: 'alerts:write' },
      schema: {
        tags: ['alerts'],
        operationId: 'updateAlert',
        summary: 'Acknowledge or resolve an alert, with a note (who: the caller)',
        description: 'open → acknowledged → resolved. A resolved alert stays resolved unless the crisis comes back worse (it reopens) or, after the quiet period, a new one starts.',
        params: IdParams,
        headers: UpdateHeaders,
        body: PatchAlertSchema,
        response: { 200: AlertSchema, ...errorResponses({ write: true, extra: [404, 412] }) },
      },
    },
    async (request, reply) => {
      const alert = await alerts.changeStatus(request.params.id, request.body, actorOf(request.principal), parseIfMatch(request.headers['if-match']));
      reply.header('etag', `"${alert.version}"`);
      return alert;
    },
  );

  app.get(
    '/v1/alert-rules',
    {
      config: { scope: 'reports:read' },
      schema: {
        tags: ['alerts'],
        operationId: 'getAlertRules',
        summary: 'How crisis detection grades what it sees: windows, baselines, thresholds per level, the watch list',
        response: { 200: AlertRulesSchema, ...errorResponses() },
      },
    },
    async (_request, reply) => {
      const current = await rules.current();
      reply.header('etag', `"${current.version}"`);
      return { ...current.rules, version: current.version, updatedAt: current.updatedAt.toISOString() };
    },
  );

  app.put(
    '/v1/alert-rules',
    {
      config: { scope: 'settings:write' },
      schema: {
        tags: ['alerts'],
        operationId: 'putAlertRules',
        summary: 'Replace the alert rules (If-Match: the version you read); each change is a new version',
        headers: UpdateHeaders,
        body: PutAlertRulesSchema,
        response: { 200: AlertRulesSchema, ...errorResponses({ write: true, extra: [412] }) },
      },
    },
    async (request, reply) => {
      const saved = await rules.put(request.body, actorOf(request.principal), clock.now(), parseIfMatch(request.headers['if-match']));
      if (!saved) throw preconditionFailed();
      reply.header('etag', `"${saved.version}"`);
      return { ...saved.rules, version: saved.version, updatedAt: saved.updatedAt.toISOString() };
    },
  );
};
