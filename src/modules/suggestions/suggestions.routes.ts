import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, WriteHeaders } from '../../http/common.schemas.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { actorOf } from '../events/actor.ts';
import { SuggestionParams, SuggestionQuerySchema, SuggestionReportQuerySchema, SuggestionReportSchema, SuggestionsSchema, SuggestionUsedSchema } from './suggestions.schemas.ts';
import type { SuggestionService } from './suggestions.service.ts';

export const suggestionRoutes: FastifyPluginAsyncZod<{ suggestions: SuggestionService }> = async (app, { suggestions }) => {
  app.get(
    '/v1/tickets/:id/suggestions',
    {
      config: { scope: 'tickets:read' },
      schema: {
        tags: ['suggestions'],
        operationId: 'listTicketSuggestions',
        summary: 'Suggested answers: solved tickets of the same type that asked the same, and macros that fit, ranked',
        description: 'Chinese (simplified or traditional) and English. What is returned is recorded as shown, so its use can be measured (`…/suggestions/{sid}/used`, `GET /v1/reports/suggestions`).',
        params: IdParams,
        querystring: SuggestionQuerySchema,
        response: { 200: SuggestionsSchema, ...errorResponses({ extra: [404] }) },
      },
    },
    async (request) => suggestions.suggest(request.params.id, request.query.limit, request.principal?.agentId ?? null),
  );

  app.post(
    '/v1/tickets/:id/suggestions/:sid/used',
    {
      config: { scope: 'tickets:write' },
      schema: {
        tags: ['suggestions'],
        operationId: 'useTicketSuggestion',
        summary: 'Record that the agent used a suggestion shown for this ticket (the first use counts)',
        description: 'Applying a suggested macro (`…/macros/{macroId}/apply`) records its use by itself. 404 when the suggestion was not shown for this ticket.',
        params: SuggestionParams,
        headers: WriteHeaders,
        response: { 200: SuggestionUsedSchema, ...errorResponses({ write: true, extra: [404] }) },
      },
    },
    async (request) => suggestions.used(request.params.id, request.params.sid, actorOf(request.principal)),
  );

  app.get(
    '/v1/reports/suggestions',
    {
      config: { scope: 'reports:read' },
      schema: {
        tags: ['reports'],
        operationId: 'getSuggestionReport',
        summary: 'Suggested answers shown vs used, overall, per kind (answer, macro) and per rank',
        querystring: SuggestionReportQuerySchema,
        response: { 200: SuggestionReportSchema, ...errorResponses() },
      },
    },
    async (request) => suggestions.report(request.query),
  );
};
