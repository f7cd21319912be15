import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { Container } from './container.ts';
import { registerErrorHandler, sendProblem } from './http/error-handler.ts';
import { problemType } from './http/problem.ts';
import { registerNotFound } from './http/not-found.ts';
import { registerAcceptCheck } from './http/accepts-json.ts';
import { registerSwagger } from './http/swagger.ts';
import { registerStrictInput } from './http/strict-input.ts';
import { authPlugin } from './http/auth.ts';
import { idempotencyPlugin } from './http/idempotency.ts';
import { healthRoutes } from './http/health.routes.ts';
import { openapiRoute } from './http/openapi.route.ts';
import { inquiryRoutes } from './modules/inquiries/inquiries.routes.ts';
import { ticketRoutes } from './modules/tickets/tickets.routes.ts';
import { customerRoutes } from './modules/customers/customers.routes.ts';
import { agentRoutes } from './modules/agents/agents.routes.ts';
import { teamRoutes } from './modules/teams/teams.routes.ts';
import { apiKeyRoutes } from './modules/auth/api-keys.routes.ts';
import { classificationRoutes } from './modules/classification/classification.routes.ts';
import { correctionRoutes } from './modules/classification/corrections.routes.ts';
import { createCorrectionRepository } from './modules/classification/corrections.repository.ts';
import { slaPolicyRoutes } from './modules/sla/policies.routes.ts';
import { calendarRoutes } from './modules/calendars/calendars.routes.ts';
import { csatRoutes } from './modules/csat/csat.routes.ts';
import { surveyPageRoutes } from './modules/csat/survey-page.routes.ts';
import { csatReportRoutes } from './modules/csat/csat-report.routes.ts';
import { createCsatSettingsRepository } from './modules/csat/csat-settings.ts';
import { renderUnavailable } from './modules/csat/survey-page.ts';
import { surveyLanguage } from './modules/csat/survey-language.ts';
import { createCalendarRepository } from './modules/calendars/calendars.repository.ts';
import { slaReportRoutes } from './modules/sla/sla-report.ts';
import { createPolicyRepository } from './modules/sla/sla.repository.ts';
import { sql } from 'drizzle-orm';
import { sessionRoutes } from './modules/auth/sessions.routes.ts';
import { createAgentRepository } from './modules/agents/agents.repository.ts';
import { deskRoutes } from './desk/desk.routes.ts';

export const BODY_LIMIT = 1024 * 1024;

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** A caller's request id, to trace a call across services, when it is short and plain; otherwise we make one. */
export function acceptedRequestId(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : undefined;
}

export interface AppOptions {
  container: Container;
  /** Omit for a silent app (tests). */
  logger?: Logger;
  rateLimitPerMinute?: number;
  /**
   * Fastify's `trustProxy` (TRUST_PROXY): which proxies' X-Forwarded-For / -Proto to believe, so
   * that `request.ip` (sign-in limits) and `request.protocol` (Secure cookies) name the client.
   */
  trustProxy?: boolean | string[];
  /** Where people reach the service (PUBLIC_URL): https there means Secure cookies whatever a proxy says. */
  publicUrl?: string;
}

/** Builds the HTTP app around a container. Never listens: main.ts, start.ts and tests decide that. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { container } = options;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger as FastifyBaseLogger } : { logger: false }),
    bodyLimit: BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    // A client's x-request-id is kept only when it is a sane id: it is echoed and logged.
    requestIdHeader: false,
    genReqId: (request) => acceptedRequestId(request.headers['x-request-id']) ?? randomUUID(),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2_000 },
    // Errors raised before routing (malformed URLs, bad percent-encoding) get problem+json too.
    frameworkErrors: (error, request, reply) => {
      if (request.url.startsWith('/survey/')) {
        void (reply as FastifyReply).code(404).type('text/html; charset=utf-8').send(renderUnavailable(surveyLanguage(null, request.headers['accept-language']), 'not_found'));
        return;
      }
      void sendProblem(request, reply, {
        type: problemType('request.bad_url'),
        title: 'Bad request',
        status: 400,
        detail: error.message,
        code: 'request.bad_url',
      });
    },
  }).withTypeProvider<ZodTypeProvider>();

  registerStrictInput(app);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerNotFound(app);
  registerAcceptCheck(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(helmet, { global: true, contentSecurityPolicy: false });
  await app.register(rateLimit, {
    global: (options.rateLimitPerMinute ?? 0) > 0,
    max: options.rateLimitPerMinute || 1_000_000,
    timeWindow: '1 minute',
    keyGenerator: (request) => (request.headers.authorization ?? request.ip).slice(-24),
  });
  // Before every plugin that adds routes (the docs too), so that app.routeAccess records all of them.
  await app.register(authPlugin, { authenticator: container.services.apiKeys });
  await registerSwagger(app);
  await app.register(idempotencyPlugin, { db: container.db.db, clock: container.clock });

  await app.register(healthRoutes, { checks: container.readiness });
  await app.register(openapiRoute);
  const { services } = container;
  const calendars = createCalendarRepository(container.db.db);
  const agentRepository = createAgentRepository(container.db.db);
  await app.register(inquiryRoutes, { inquiries: services.inquiries, tickets: services.tickets });
  await app.register(ticketRoutes, { tickets: services.tickets });
  await app.register(customerRoutes, { customers: services.customers, tickets: services.tickets });
  await app.register(agentRoutes, { agents: services.agents });
  await app.register(teamRoutes, { teams: services.teams, clock: container.clock });
  await app.register(apiKeyRoutes, { apiKeys: services.apiKeys, agents: services.agents });
  if (services.classifier) await app.register(classificationRoutes, { classifier: services.classifier });
  await app.register(correctionRoutes, { corrections: createCorrectionRepository(container.db.db), clock: container.clock });
  await app.register(slaPolicyRoutes, {
    policies: createPolicyRepository(container.db.db),
    clock: container.clock,
    calendar: async (id) => (await calendars.findById(id)) ?? null,
    teamExists: async (id) => !!(await services.teams.findById(id)),
    agentExists: async (id) => !!(await agentRepository.findById(id)),
    onChange: () => {
      container.sla.policyCache.invalidate();
      void container.sla.timers.requestRecompute();
    },
  });
  await app.register(slaReportRoutes, { db: container.db.db, clock: container.clock });
  await app.register(csatRoutes, { csat: services.csat, settings: createCsatSettingsRepository(container.db.db), tickets: services.tickets, clock: container.clock });
  await app.register(surveyPageRoutes, { csat: services.csat });
  await app.register(csatReportRoutes, { db: container.db.db, clock: container.clock });
  await app.register(calendarRoutes, {
    calendars,
    clock: container.clock,
    // A calendar that a policy still counts business hours on cannot be deleted.
    inUse: async (id: string) =>
      (await container.db.db.execute(sql`SELECT 1 FROM sla_policies p, jsonb_array_elements(p.targets) t WHERE t->>'calendarId' = ${id} LIMIT 1`)).rows.length > 0,
    businessTargets: async (id: string) =>
      (
        await container.db.db.execute<{ within: string }>(
          sql`SELECT t->>'within' AS within FROM sla_policies p, jsonb_array_elements(p.targets) t WHERE t->>'calendarId' = ${id} AND (t->>'businessHours')::boolean`,
        )
      ).rows.map((row) => row.within),
    onChange: async (id: string) => {
      container.sla.calendarCache.invalidate(id);
      await container.sla.timers.requestRecompute(id);
    },
  });
  await app.register(sessionRoutes, { sessions: services.sessions, publishedOverHttps: options.publicUrl?.startsWith('https:') ?? false });
  await app.register(deskRoutes);
  return app;
}
