import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../http/problem.ts';
import type { CsatService } from './csat.service.ts';
import { PUBLIC_RATE_LIMIT } from './csat.routes.ts';
import { SurveyTokenParams } from './csat.schemas.ts';
import { comesWithStaffCredentials, notFromCustomer } from './survey-link-access.ts';
import { surveyLanguage } from './survey-language.ts';
import { renderSurveyForm, renderThanks, renderUnavailable, type PublishedOutcome } from './survey-page.ts';
import type { OutcomeService } from '../outcomes/outcomes.service.ts';

const HTML = { description: 'HTML page', content: { 'text/html': { schema: z.string() } } };

const FormSchema = z.object({
  rating: z.string().max(2).optional(),
  comment: z.string().max(2_000).optional(),
  reasons: z.union([z.string().max(100), z.array(z.string().max(100)).max(12)]).optional(),
});

/** The page customers open from the link: a friendly page for every outcome, never a JSON error. */
/** How many published outcomes the page shows: a glance, not a feed. */
const OUTCOMES_SHOWN = 3;

export const surveyPageRoutes: FastifyPluginAsyncZod<{ csat: CsatService; outcomes: Pick<OutcomeService, 'recent'> }> = async (app, { csat, outcomes }) => {
  /** What feedback of the same type changed (the page still renders when this fails). */
  const publishedFor = async (type: string | null, ticketId: string): Promise<PublishedOutcome[]> =>
    (await outcomes.recent(type, OUTCOMES_SHOWN, ticketId).catch(() => [])).map((o) => ({ note: o.note, topic: o.topic, date: o.publishedAt.toISOString().slice(0, 10) }));

  await app.register(formbody, { bodyLimit: 16_384 });

  app.setErrorHandler((error, request, reply) => {
    const language = surveyLanguage(null, request.headers['accept-language']);
    const status = error instanceof AppError ? error.status : (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'survey page failed');
    // A malformed token is just a link that does not exist, for the person holding it.
    const shown = status === 400 ? 404 : status;
    return reply
      .code(shown)
      .type('text/html; charset=utf-8')
      .send(renderUnavailable(language, shown === 410 ? 'gone' : 'not_found'));
  });

  // The page's own policy: nothing loads from elsewhere, and only our nonce'd script runs.
  app.addHook('onSend', async (request, reply) => {
    const nonce = (request as { cspNonce?: string }).cspNonce ?? 'none';
    reply.header(
      'content-security-policy',
      `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
    );
    reply.header('cache-control', 'no-store');
    reply.header('referrer-policy', 'no-referrer');
  });

  const nonceFor = (request: object) => {
    const nonce = randomBytes(16).toString('base64');
    (request as { cspNonce?: string }).cspNonce = nonce;
    return nonce;
  };

  const common = { tags: ['csat'], params: SurveyTokenParams, produces: ['text/html'], response: { 200: HTML, 404: HTML, 410: HTML, 429: HTML } };

  app.get(
    '/survey/:token',
    {
      config: { rateLimit: PUBLIC_RATE_LIMIT },
      schema: {
        ...common,
        operationId: 'surveyPage',
        summary: 'The survey page a customer opens (HTML, no JavaScript needed)',
        querystring: z.object({ thanks: z.string().max(5).optional().describe('Show the thanks page for an answered survey') }),
      },
    },
    async (request, reply) => {
      const view = await csat.publicView(request.params.token, request.headers['accept-language']);
      const published = await publishedFor(view.survey.ticketType, view.survey.ticketId);
      if (request.query.thanks && view.survey.rating) {
        return reply.type('text/html; charset=utf-8').send(renderThanks({ language: view.language, token: request.params.token, rating: view.survey.rating, outcomes: published }));
      }
      return reply.type('text/html; charset=utf-8').send(
        renderSurveyForm({
          language: view.language,
          token: request.params.token,
          nonce: nonceFor(request),
          ticketNumber: view.ticketNumber,
          reasonOptions: view.reasonOptions,
          rating: view.survey.rating,
          comment: view.survey.comment,
          reasons: view.survey.reasons,
          outcomes: published,
        }),
      );
    },
  );

  app.post(
    '/survey/:token',
    {
      config: { rateLimit: PUBLIC_RATE_LIMIT },
      schema: {
        ...common,
        operationId: 'submitSurveyPage',
        summary: 'The survey page\'s form (application/x-www-form-urlencoded)',
        description: 'Refused (403 page) when sent with a helpdesk session cookie or an `Authorization` header: only customers answer.',
        // What the page's form sends; JSON is read too. Other media types and oversized forms get
        // the page's own "not found" page with the status (the fuzzer found them undocumented).
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        body: FormSchema,
        response: { ...common.response, 403: HTML, 413: HTML, 415: HTML },
      },
    },
    async (request, reply) => {
      if (comesWithStaffCredentials(request.headers)) throw notFromCustomer();
      const view = await csat.publicView(request.params.token, request.headers['accept-language']);
      const rating = Number(request.body.rating);
      const reasons = [request.body.reasons ?? []].flat().filter((r) => view.reasonOptions.includes(r));
      if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
        return reply.type('text/html; charset=utf-8').send(
          renderSurveyForm({ language: view.language, token: request.params.token, nonce: nonceFor(request), ticketNumber: view.ticketNumber, reasonOptions: view.reasonOptions, rating: null, comment: request.body.comment ?? null, reasons, error: true }),
        );
      }
      await csat.answer(request.params.token, { rating, comment: request.body.comment, reasons });
      return reply.type('text/html; charset=utf-8').send(renderThanks({ language: view.language, token: request.params.token, rating, outcomes: await publishedFor(view.survey.ticketType, view.survey.ticketId) }));
    },
  );
};
