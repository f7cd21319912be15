import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../http/error-responses.ts';
import type { MetricsScrape } from './metrics.module.ts';

/** Prometheus' text format (version 0.0.4), which every scraper reads. */
export const PROMETHEUS_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * `GET /metrics` on the API's port, for a scraper's key with `metrics:read` (Prometheus sends it
 * with `authorization: {type: Bearer, credentials_file: …}`): one port and one TLS setup for all,
 * and nothing readable without a key, although nothing in it is personal.
 */
export const metricsRoutes: FastifyPluginAsyncZod<{ scrape: MetricsScrape }> = async (app, { scrape }) => {
  app.get(
    '/metrics',
    {
      config: { scope: 'metrics:read' },
      schema: {
        tags: ['operations'],
        operationId: 'getMetrics',
        summary: 'Prometheus metrics of this process, and queue depths and relay lag read at scrape time',
        response: {
          200: { description: 'Prometheus text exposition format', content: { 'text/plain': { schema: z.string() } } },
          ...errorResponses(),
        },
      },
    },
    async (_request, reply) => {
      const text = await scrape.text();
      return reply.type(PROMETHEUS_TYPE).header('cache-control', 'no-store').serializer((payload: unknown) => payload as string).send(text);
    },
  );
};
