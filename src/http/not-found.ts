import type { FastifyInstance } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import { sendProblem } from './error-handler.ts';
import { problemType } from './problem.ts';

const METHODS: HTTPMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Fastify answers an unknown method on a known path with 404; clients deserve 405 and an Allow
 * header. We mirror every route into a second router to tell the two apart.
 */
export function registerNotFound(app: FastifyInstance) {
  const mirror = FindMyWay({ ignoreTrailingSlash: true });
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (METHODS.includes(method as HTTPMethod)) {
        try {
          mirror.on(method as HTTPMethod, route.url, () => undefined);
        } catch {
          // already mirrored (HEAD/GET pairs)
        }
      }
    }
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = METHODS.filter((method) => mirror.find(method, path) !== null);
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(request, reply, {
        type: problemType('request.method_not_allowed'),
        title: 'Method not allowed',
        status: 405,
        detail: `${request.method} is not allowed here; allowed: ${allowed.join(', ')}`,
        code: 'request.method_not_allowed',
      });
    }
    return sendProblem(request, reply, {
      type: problemType('request.not_found'),
      title: 'Not found',
      status: 404,
      detail: `No route ${request.method} ${path}`,
      code: 'request.not_found',
    });
  });
}
