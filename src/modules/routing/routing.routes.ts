import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, UpdateHeaders, WriteHeaders } from '../../http/common.schemas.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { orStaleOrMissing, parseIfMatch } from '../../http/if-match.ts';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { RoutingRuleRepository, RoutingRuleRow } from './routing.repository.ts';
import { CreateRoutingRuleSchema, DryRunRequestSchema, DryRunResponseSchema, RoutingRuleSchema, UpdateRoutingRuleSchema, type RoutingAction, type RoutingConditions } from './routing.schemas.ts';
import { routingRuleNotFound, unknownRoutingReference } from './routing.errors.ts';
import type { RoutingDryRun } from './routing-dry-run.ts';

type RuleDto = z.infer<typeof RoutingRuleSchema>;

function present(row: RoutingRuleRow): RuleDto {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    active: row.active,
    stop: row.stop,
    conditions: row.conditions as RuleDto['conditions'],
    actions: row.actions as RuleDto['actions'],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export interface RoutingRouteDeps {
  rules: RoutingRuleRepository;
  clock: Clock;
  dryRun: RoutingDryRun;
  teamExists(id: string): Promise<boolean>;
  agentExists(id: string): Promise<boolean>;
  calendarExists(id: string): Promise<boolean>;
  /** after every change, so this process stops using its cached rules at once */
  onChange(): void;
}

export const routingRuleRoutes: FastifyPluginAsyncZod<RoutingRouteDeps> = async (app, deps) => {
  const { rules, clock } = deps;

  /** Teams, agents and calendars a rule names exist: a rule pointing nowhere would skip its action on every ticket. */
  async function checkReferences(body: { conditions?: RoutingConditions | undefined; actions?: RoutingAction[] | undefined }) {
    const calendarId = body.conditions?.businessHours?.calendarId;
    if (calendarId && !(await deps.calendarExists(calendarId))) {
      throw unknownRoutingReference('body.conditions.businessHours.calendarId', 'business calendar', calendarId);
    }
    for (const [index, action] of (body.actions ?? []).entries()) {
      if ((action.type === 'assign_team' || action.type === 'assign_round_robin') && !(await deps.teamExists(action.teamId))) {
        throw unknownRoutingReference(`body.actions.${index}.teamId`, 'team', action.teamId);
      }
      if (action.type === 'assign_agent' && !(await deps.agentExists(action.agentId))) {
        throw unknownRoutingReference(`body.actions.${index}.agentId`, 'agent', action.agentId);
      }
    }
  }

  app.get(
    '/v1/routing-rules',
    {
      config: { scope: 'routing:read' },
      schema: {
        tags: ['routing'],
        operationId: 'listRoutingRules',
        summary: 'Routing rules in the order they are tried (every matching one applies, until one with `stop`)',
        response: { 200: z.object({ data: z.array(RoutingRuleSchema) }).meta({ id: 'RoutingRuleList' }), ...errorResponses() },
      },
    },
    async () => ({ data: (await rules.all()).map(present) }),
  );

  app.post(
    '/v1/routing-rules',
    {
      config: { scope: 'routing:write' },
      schema: {
        tags: ['routing'],
        operationId: 'createRoutingRule',
        summary: 'Create a routing rule (new tickets, and tickets whose type or tags change, meet it at once)',
        headers: WriteHeaders,
        body: CreateRoutingRuleSchema,
        response: { 201: RoutingRuleSchema, ...errorResponses({ write: true }) },
      },
    },
    async (request, reply) => {
      await checkReferences(request.body);
      const at = clock.now();
      const row = await rules.insert({ id: newId('routingRule', at.getTime()), ...request.body, createdAt: at, updatedAt: at });
      deps.onChange();
      reply.header('etag', `"${row.version}"`);
      return reply.code(201).send(present(row));
    },
  );

  app.post(
    '/v1/routing-rules/dry-run',
    {
      config: { scope: 'routing:read', idempotency: false },
      schema: {
        tags: ['routing'],
        operationId: 'dryRunRoutingRules',
        summary: 'Which rules an inquiry would match, why, and what they would do (writes nothing; the round-robin is not advanced)',
        body: DryRunRequestSchema,
        response: { 200: DryRunResponseSchema, ...errorResponses({ write: true }) },
      },
    },
    async (request) => deps.dryRun(request.body),
  );

  app.get(
    '/v1/routing-rules/:id',
    {
      config: { scope: 'routing:read' },
      schema: {
        tags: ['routing'],
        operationId: 'getRoutingRule',
        summary: 'Get a routing rule',
        params: IdParams,
        response: { 200: RoutingRuleSchema, ...errorResponses({ extra: [404] }) },
      },
    },
    async (request, reply) => {
      const row = await rules.findById(request.params.id);
      if (!row) throw routingRuleNotFound(request.params.id);
      reply.header('etag', `"${row.version}"`);
      return present(row);
    },
  );

  app.patch(
    '/v1/routing-rules/:id',
    {
      config: { scope: 'routing:write' },
      schema: {
        tags: ['routing'],
        operationId: 'updateRoutingRule',
        summary: 'Change a routing rule (tickets already routed keep what it did)',
        params: IdParams,
        headers: UpdateHeaders,
        body: UpdateRoutingRuleSchema,
        response: { 200: RoutingRuleSchema, ...errorResponses({ write: true, extra: [404, 412] }) },
      },
    },
    async (request, reply) => {
      await checkReferences(request.body);
      const row = await orStaleOrMissing(
        await rules.update(request.params.id, { ...request.body, updatedAt: clock.now() }, parseIfMatch(request.headers['if-match'])),
        () => rules.findById(request.params.id),
        () => routingRuleNotFound(request.params.id),
      );
      deps.onChange();
      reply.header('etag', `"${row.version}"`);
      return present(row);
    },
  );

  app.delete(
    '/v1/routing-rules/:id',
    {
      config: { scope: 'routing:write' },
      schema: {
        tags: ['routing'],
        operationId: 'deleteRoutingRule',
        summary: 'Delete a routing rule (tickets already routed keep what it did)',
        params: IdParams,
        headers: UpdateHeaders,
        response: { 204: z.undefined(), ...errorResponses({ write: true, extra: [404, 412] }) },
      },
    },
    async (request, reply) => {
      await orStaleOrMissing(
        await rules.remove(request.params.id, parseIfMatch(request.headers['if-match'])),
        () => rules.findById(request.params.id),
        () => routingRuleNotFound(request.params.id),
      );
      deps.onChange();
      return reply.code(204).send();
    },
  );
};
