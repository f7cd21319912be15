import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, UpdateHeaders, WriteHeaders } from '../../http/common.schemas.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { byCreatedAt, decodePositionCursor, pageOf, PageQuerySchema, toPage } from '../../http/pagination.ts';
import { orStaleOrMissing, parseIfMatch } from '../../http/if-match.ts';
import { conflict, notFound, preconditionFailed } from '../../http/problem.ts';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { TeamRepository, TeamRow } from './teams.repository.ts';
import { CreateTeamSchema, TeamSchema, UpdateTeamSchema } from './teams.schemas.ts';
import { isUniqueViolation } from '../../db/errors.ts';

const present = (row: TeamRow) => ({
  id: row.id,
  name: row.name,
  description: row.description,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});

const teamNotFound = (id: string) => notFound('teams', `No team ${id}`);

export const teamRoutes: FastifyPluginAsyncZod<{ teams: TeamRepository; clock: Clock }> = async (app, { teams, clock }) => {
  app.get(
    '/v1/teams',
    {
      config: { scope: 'agents:read' },
      schema: {
        tags: ['agents'],
        operationId: 'listTeams',
        summary: 'List teams',
        querystring: PageQuerySchema,
        response: { 200: pageOf(TeamSchema).meta({ id: 'TeamPage' }), ...errorResponses() },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      return toPage(await teams.list(limit + 1, decodePositionCursor(cursor)), limit, present, byCreatedAt);
    },
  );

  app.post(
    '/v1/teams',
    {
      config: { scope: 'agents:write' },
      schema: {
        tags: ['agents'],
        operationId: 'createTeam',
        summary: 'Create a team',
        headers: WriteHeaders,
        body: CreateTeamSchema,
        response: { 201: TeamSchema, ...errorResponses({ write: true }) },
      },
    },
    async (request, reply) => {
      const at = clock.now();
      const row = await teams
        .insert({ id: newId('team', at.getTime()), name: request.body.name, description: request.body.description ?? null, createdAt: at, updatedAt: at })
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? conflict('teams.name_taken', `A team named ${request.body.name} exists`) : error;
        });
      return reply.code(201).send(present(row));
    },
  );

  app.get(
    '/v1/teams/:id',
    {
      config: { scope: 'agents:read' },
      schema: {
        tags: ['agents'],
        operationId: 'getTeam',
        summary: 'Get a team',
        params: IdParams,
        response: { 200: TeamSchema, ...errorResponses({ extra: [404] }) },
      },
    },
    async (request) => {
      const row = await teams.findById(request.params.id);
      if (!row) throw teamNotFound(request.params.id);
      return present(row);
    },
  );

  app.patch(
    '/v1/teams/:id',
    {
      config: { scope: 'agents:write' },
      schema: {
        tags: ['agents'],
        operationId: 'updateTeam',
        summary: 'Rename or describe a team',
        params: IdParams,
        headers: UpdateHeaders,
        body: UpdateTeamSchema,
        response: { 200: TeamSchema, ...errorResponses({ write: true, extra: [404, 412] }) },
      },
    },
    async (request) => {
      const expected = parseIfMatch(request.headers['if-match']);
      const updated = await teams.update(request.params.id, { ...request.body, updatedAt: clock.now() }, expected).catch((error: unknown) => {
        throw isUniqueViolation(error) ? conflict('teams.name_taken', 'That team name is taken') : error;
      });
      const row = await orStaleOrMissing(updated, () => teams.findById(request.params.id), () => teamNotFound(request.params.id));
      return present(row);
    },
  );
};
