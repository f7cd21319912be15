import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from './error-responses.ts';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

// The probe is public: it says what failed, not why (the reason, with hosts and ports, goes to the log).
const CheckResult = z.object({ name: z.string(), ok: z.boolean(), latencyMs: z.number() });
const Readiness = z.object({ status: z.enum(['ready', 'unavailable']), checks: z.array(CheckResult) }).meta({ id: 'Readiness', description: 'Each dependency check (Postgres, Redis) with its latency' });

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref())]);

export const healthRoutes: FastifyPluginAsyncZod<{ checks: ReadinessCheck[] }> = async (app, { checks }) => {
  app.get(
    '/healthz',
    {
      // Probes come every few seconds from orchestrators: never limited.
      config: { rateLimit: false },
      schema: {
        tags: ['health'],
        operationId: 'healthz',
        summary: 'The process is up',
        response: { 200: z.object({ status: z.literal('ok') }).meta({ id: 'Liveness', description: 'The process is up' }), ...errorResponses({ public: true }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['health'],
        operationId: 'readyz',
        summary: 'Postgres and Redis are reachable',
        response: { 200: Readiness.describe('Ready: every check passed'), 503: Readiness.describe('Not ready: a check failed; the body says which'), ...errorResponses({ public: true }) },
      },
    },
    async (request, reply) => {
      const results = await Promise.all(
        checks.map(async ({ name, check }) => {
          const started = performance.now();
          try {
            await withTimeout(check(), 2_000);
            return { name, ok: true, latencyMs: Math.round(performance.now() - started) };
          } catch (error) {
            request.log.warn({ check: name, err: (error as Error).message }, 'readiness check failed');
            return { name, ok: false, latencyMs: Math.round(performance.now() - started) };
          }
        }),
      );
      const ready = results.every((r) => r.ok);
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks: results });
    },
  );
};
