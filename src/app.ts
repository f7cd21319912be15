import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import helmet from '@fastify/helmet';
import { registerRateLimit } from './http/rate-limit.ts';
import type { Container } from './container.ts';
import { registerErrorHandler, sendProblem } from './http/error-handler.ts';
import { problemType } from './http/problem.ts';
import { registerNotFound } from './http/not-found.ts';
import { registerAcceptCheck } from './http/accepts-json.ts';
import { registerSwagger } from './http/swagger.ts';
import { registerStrictInput } from './http/strict-input.ts';
import { authPlugin } from './http/auth.ts';
import { idempotencyPlugin } from './http/idempotency.ts';
import { auditPlugin } from './modules/audit/audit.hooks.ts';
import { httpMetricsPlugin } from './modules/metrics/metrics.hooks.ts';
import { healthRoutes } from './http/health.routes.ts';
import { openapiRoute } from './http/openapi.route.ts';
import { renderUnavailable } from './modules/csat/survey-page.ts';
import { surveyLanguage } from './modules/csat/survey-language.ts';

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
  /** Requests per minute per API key (RATE_LIMIT_PER_MINUTE); 0 or absent: no per-key limit (tests). */
  rateLimitPerMinute?: number;
  /**
   * Fastify's `trustProxy` (TRUST_PROXY): which proxies' X-Forwarded-For / -Proto to believe, so
   * that `request.ip` (sign-in limits) and `request.protocol` (Secure cookies) name the client.
   */
  trustProxy?: boolean | string[];
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
  await registerRateLimit(app, { redis: container.redis, prefix: container.queuePrefix, perMinute: options.rateLimitPerMinute ?? 0 });
  // Before every plugin that adds routes (the docs too), so that app.routeAccess records all of them.
  await app.register(authPlugin, { authenticator: container.credentials.apiKeys });
  // Before idempotency: a replayed answer is audited too, and a change's pending row exists before anything runs.
  await app.register(auditPlugin, { recorder: container.audit });
  await app.register(httpMetricsPlugin, { observe: container.metrics.observers });
  await registerSwagger(app, { webhooks: Object.assign({}, ...container.modules.map((m) => m.openapiWebhooks ?? {})) });
  await app.register(idempotencyPlugin, { db: container.db.db, clock: container.clock });

  await app.register(healthRoutes, { checks: container.readiness });
  await app.register(openapiRoute);
  // Every feature's routes, as its module contributes them (container.ts lists the modules).
  for (const module of container.modules) for (const register of module.routes ?? []) await register(app);
  return app;
}
