import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, UpdateHeaders } from '../../http/common.schemas.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { parseIfMatch } from '../../http/if-match.ts';
import { notFound, preconditionFailed } from '../../http/problem.ts';
import type { Clock } from '../../shared/clock.ts';
import type { TicketService } from '../tickets/tickets.service.ts';
import type { CsatService } from './csat.service.ts';
import type { CsatSettingsRepository } from './csat-settings.ts';
import { CsatSettingsSchema, PutCsatSettingsSchema } from './csat-settings.ts';
import { PublicSurveySchema, SurveyAnswerSchema, SurveyTokenParams, TicketSurveySchema } from './csat.schemas.ts';
import type { SurveyRow } from './csat.repository.ts';
import { canSeeSurveyLinks, comesWithStaffCredentials, notFromCustomer } from './survey-link-access.ts';

/** Public endpoints are keyed by IP: a token is unguessable, but nobody gets to try many. */
export const PUBLIC_RATE_LIMIT = { max: 30, timeWindow: '1 minute', keyGenerator: (request: { ip: string }) => request.ip };

export function presentPublicSurvey(view: Awaited<ReturnType<CsatService['publicView']>>) {
  return {
    status: view.survey.status === 'answered' ? ('answered' as const) : ('sent' as const),
    ticketNumber: view.ticketNumber,
    language: view.language,
    scale: 5 as const,
    reasonOptions: view.reasonOptions,
    rating: view.survey.rating,
    comment: view.survey.comment,
    reasons: view.survey.reasons,
    expiresAt: view.survey.expiresAt?.toISOString() ?? null,
  };
}

export const csatRoutes: FastifyPluginAsyncZod<{ csat: CsatService; settings: CsatSettingsRepository; tickets: Pick<TicketService, 'get'>; clock: Clock }> = async (
  app,
  { csat, settings, tickets, clock },
) => {
  app.get(
    '/v1/settings/csat',
    {
      config: { scope: 'tickets:read' },
      schema: {
        tags: ['csat'],
        operationId: 'getCsatSettings',
        summary: 'Satisfaction survey settings',
        response: { 200: CsatSettingsSchema, ...errorResponses() },
      },
    },
    async (_request, reply) => {
      const current = await settings.get();
      reply.header('etag', `"${current.version}"`);
      return { ...current.value, updatedAt: current.updatedAt?.toISOString() ?? null, version: current.version };
    },
  );

  app.put(
    '/v1/settings/csat',
    {
      config: { scope: 'settings:write' },
      schema: {
        tags: ['csat'],
        operationId: 'putCsatSettings',
        summary: 'Replace the satisfaction survey settings (If-Match: the version you read)',
        headers: UpdateHeaders,
        body: PutCsatSettingsSchema,
        response: { 200: CsatSettingsSchema, ...errorResponses({ write: true, extra: [412] }) },
      },
    },
    async (request, reply) => {
      const saved = await settings.put(request.body, clock.now(), parseIfMatch(request.headers['if-match']));
      if (!saved) throw preconditionFailed();
      reply.header('etag', `"${saved.version}"`);
      return { ...saved.value, updatedAt: saved.updatedAt.toISOString(), version: saved.version };
    },
  );

  app.get(
    '/v1/tickets/:id/survey',
    {
      config: { scope: 'tickets:read' },
      schema: {
        tags: ['csat'],
        operationId: 'getTicketSurvey',
        summary: 'The ticket\'s latest satisfaction survey: status, link, rating and comment',
        description:
          'The link (`token`, `url`) is the customer\'s key: it is shown only to callers holding `surveys:deliver` (the channel connector; ' +
          '`admin` implies it) and is null for everyone else, so agents cannot rate their own tickets.',
        params: IdParams,
        response: { 200: TicketSurveySchema, ...errorResponses({ extra: [404] }) },
      },
    },
    async (request) => {
      await tickets.get(request.params.id);
      const survey = await csat.forTicket(request.params.id);
      if (!survey) throw notFound('surveys', 'This ticket has no survey (not solved yet, sampled out, or surveys are off)');
      const token = canSeeSurveyLinks(request.principal) ? await csat.tokenOf(survey.id) : null;
      return presentTicketSurvey(survey, token, csat, await csat.history(survey.id));
    },
  );

  app.get(
    '/v1/surveys/:token',
    {
      config: { rateLimit: PUBLIC_RATE_LIMIT },
      schema: {
        tags: ['csat'],
        operationId: 'getSurvey',
        summary: 'A survey as its customer sees it (public: the token is the key)',
        params: SurveyTokenParams,
        response: { 200: PublicSurveySchema, ...errorResponses({ public: true, extra: [404, 410] }) },
      },
    },
    async (request) => presentPublicSurvey(await csat.publicView(request.params.token, request.headers['accept-language'])),
  );

  app.post(
    '/v1/surveys/:token',
    {
      config: { rateLimit: PUBLIC_RATE_LIMIT },
      schema: {
        tags: ['csat'],
        operationId: 'answerSurvey',
        summary: 'Rate 1–5 with an optional comment and reasons (public; again within the window to change it)',
        description: 'Only the customer answers: a request carrying an `Authorization` header or a helpdesk session cookie is refused (403 `surveys.not_from_customer`).',
        params: SurveyTokenParams,
        body: SurveyAnswerSchema,
        response: { 200: PublicSurveySchema, ...errorResponses({ public: true, write: true, extra: [403, 404, 410] }) },
      },
    },
    async (request) => {
      if (comesWithStaffCredentials(request.headers)) throw notFromCustomer();
      await csat.answer(request.params.token, request.body);
      return presentPublicSurvey(await csat.publicView(request.params.token, request.headers['accept-language']));
    },
  );
};

function presentTicketSurvey(survey: SurveyRow, token: string | null, csat: Pick<CsatService, 'urlOf'>, history: { rating: number; comment: string | null; reasons: string[]; createdAt: Date }[]) {
  return {
    id: survey.id,
    status: survey.status,
    token,
    url: token === null ? null : csat.urlOf(token),
    rating: survey.rating,
    comment: survey.comment,
    reasons: survey.reasons,
    language: survey.language,
    sendAt: survey.sendAt.toISOString(),
    sentAt: survey.sentAt?.toISOString() ?? null,
    expiresAt: survey.expiresAt?.toISOString() ?? null,
    answeredAt: survey.answeredAt?.toISOString() ?? null,
    history: history.map((h) => ({ rating: h.rating, comment: h.comment, reasons: h.reasons, createdAt: h.createdAt.toISOString() })),
  };
}
