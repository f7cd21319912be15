import fp from 'fastify-plugin';
import type { Observers } from './metrics.module.ts';

/**
 * Every answered request into the latency histogram, by the route's pattern (`/v1/tickets/:id`):
 * a raw URL would put ids and search terms in labels and grow without end. Requests that matched
 * no route share `unmatched`.
 */
export const httpMetricsPlugin = fp<{ observe: Observers }>(async (app, { observe }) => {
  app.addHook('onResponse', async (request, reply) => {
    observe.http(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });
});
