import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, UpdateHeaders, WriteHeaders } from '../../http/common.schemas.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { orStaleOrMissing, parseIfMatch } from '../../http/if-match.ts';
import { notFound, preconditionFailed, unprocessable } from '../../http/problem.ts';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { PolicyRepository, SlaPolicyRow } from './sla.repository.ts';
import { CreateSlaPolicySchema, SlaPolicySchema, UpdateSlaPolicySchema, type EscalationAction, type PolicyTarget } from './sla.schemas.ts';
import type { CalendarSpec } from '../calendars/calendar-spec.ts';
import { compileCalendar, guaranteedOpenTime, SEARCH_HORIZON_DAYS } from '../calendars/business-time.ts';
import { durationToMs } from './durations.ts';

const policyNotFound = (id: string) => notFound('sla_policies', `No SLA policy ${id}`);

function present(row: SlaPolicyRow): z.infer<typeof SlaPolicySchema> {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    active: row.active,
    conditions: row.conditions as z.infer<typeof SlaPolicySchema>['conditions'],
    targets: row.targets as z.infer<typeof SlaPolicySchema>['targets'],
    warning: (row.warning ?? null) as z.infer<typeof SlaPolicySchema>['warning'],
    escalations: row.escalations as z.infer<typeof SlaPolicySchema>['escalations'],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export interface PolicyRouteDeps {
  policies: PolicyRepository;
  clock: Clock;
  /** the business calendar's hours, or null when there is none with this id */
  calendar(id: string): Promise<CalendarSpec | null>;
  teamExists(id: string): Promise<boolean>;
  agentExists(id: string): Promise<boolean>;
  /** called after every change, so this process stops using a cached copy at once */
  onChange(): void;
}

export const slaPolicyRoutes: FastifyPluginAsyncZod<PolicyRouteDeps> = async (app, deps) => {
  const { policies, clock } = deps;

  /** Calendars exist, and a business-hours target can fall due on its calendar (else every matching ticket would fail). */
  async function checkCalendars(targets: PolicyTarget[] | undefined) {
    for (const [index, target] of (targets ?? []).entries()) {
      if (!target.calendarId) continue;
      const spec = await deps.calendar(target.calendarId);
      if (!spec) {
        throw unprocessable('sla_policies.unknown_calendar', `No business calendar ${target.calendarId}`, [
          { path: `body.targets.${index}.calendarId`, message: 'does not exist' },
        ]);
      }
      if (target.businessHours && (durationToMs(target.within) ?? 0) > guaranteedOpenTime(compileCalendar(spec))) {
        throw unprocessable('sla_policies.unreachable_target', `Business calendar ${target.calendarId} is open too little for ${target.within}`, [
          { path: `body.targets.${index}.within`, message: `more open time than the calendar is sure to have in ${SEARCH_HORIZON_DAYS} days` },
        ]);
      }
    }
  }

  /** Escalations name teams and agents that exist (the engine skips missing ones at breach time, silently). */
  async function checkEscalations(escalations: { onWarning: EscalationAction[]; onBreach: EscalationAction[] } | undefined) {
    for (const when of ['onWarning', 'onBreach'] as const) {
      for (const [index, action] of (escalations?.[when] ?? []).entries()) {
        const missing =
          action.type === 'assign_team' ? !(await deps.teamExists(action.teamId)) && (['teamId', action.teamId] as const)
          : action.type === 'assign_agent' ? !(await deps.agentExists(action.agentId)) && (['agentId', action.agentId] as const)
          : false;
        if (missing) {
          throw unprocessable('sla_policies.unknown_reference', `No ${missing[0] === 'teamId' ? 'team' : 'agent'} ${missing[1]}`, [
            { path: `body.escalations.${when}.${index}.${missing[0]}`, message: 'does not exist' },
          ]);
        }
      }
    }
  }

  async function checkReferences(body: { targets?: PolicyTarget[] | undefined; escalations?: { onWarning: EscalationAction[]; onBreach: EscalationAction[] } | undefined }) {
    await checkCalendars(body.targets);
    await checkEscalations(body.escalations);
  }

  app.get(
    '/v1/sla-policies',
    {
      config: { scope: 'tickets:read' },
      schema: {
        tags: ['sla'],
        operationId: 'listSlaPolicies',
        summary: 'SLA policies in the order they are tried (the first match applies)',
        response: { 200: z.object({ data: z.array(SlaPolicySchema) }).meta({ id: 'SlaPolicyList' }), ...errorResponses() },
      },
    },
    async () => ({ data: (await policies.all()).map(present) }),
  );

  app.post(
    '/v1/sla-policies',
    {
      config: { scope: 'settings:write' },
      schema: {
        tags: ['sla'],
        operationId: 'createSlaPolicy',
        summary: 'Create an SLA policy',
        headers: WriteHeaders,
        body: CreateSlaPolicySchema,
        response: { 201: SlaPolicySchema, ...errorResponses({ write: true }) },
      },
    },
    async (request, reply) => {
      await checkReferences(request.body);
      const at = clock.now();
      const row = await policies.insert({ id: newId('policy', at.getTime()), ...request.body, createdAt: at, updatedAt: at });
      deps.onChange();
      return reply.code(201).send(present(row));
    },
  );

  app.get(
    '/v1/sla-policies/:id',
    {
      config: { scope: 'tickets:read' },
      schema: {
        tags: ['sla'],
        operationId: 'getSlaPolicy',
        summary: 'Get an SLA policy',
        params: IdParams,
        response: { 200: SlaPolicySchema, ...errorResponses({ extra: [404] }) },
      },
    },
    async (request, reply) => {
      const row = await policies.findById(request.params.id);
      if (!row) throw policyNotFound(request.params.id);
      reply.header('etag', `"${row.version}"`);
      return present(row);
    },
  );

  app.patch(
    '/v1/sla-policies/:id',
    {
      config: { scope: 'settings:write' },
      schema: {
        tags: ['sla'],
        operationId: 'updateSlaPolicy',
        summary: 'Change an SLA policy (tickets pick it up on their next change)',
        params: IdParams,
        headers: UpdateHeaders,
        body: UpdateSlaPolicySchema,
        response: { 200: SlaPolicySchema, ...errorResponses({ write: true, extra: [404, 412] }) },
      },
    },
    async (request, reply) => {
      await checkReferences(request.body);
      const row = await orStaleOrMissing(
        await policies.update(request.params.id, { ...request.body, updatedAt: clock.now() }, parseIfMatch(request.headers['if-match'])),
        () => policies.findById(request.params.id),
        () => policyNotFound(request.params.id),
      );
      deps.onChange();
      reply.header('etag', `"${row.version}"`);
      return present(row);
    },
  );

  app.delete(
    '/v1/sla-policies/:id',
    {
      config: { scope: 'settings:write' },
      schema: {
        tags: ['sla'],
        operationId: 'deleteSlaPolicy',
        summary: 'Delete an SLA policy (running targets keep their deadlines)',
        params: IdParams,
        response: { 204: z.undefined(), ...errorResponses({ extra: [404] }) },
      },
    },
    async (request, reply) => {
      if (!(await policies.remove(request.params.id))) throw policyNotFound(request.params.id);
      deps.onChange();
      return reply.code(204).send();
    },
  );
};
