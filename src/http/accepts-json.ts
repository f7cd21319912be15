import type { FastifyInstance } from 'fastify';
import { AppError } from './problem.ts';

const JSON_TYPES = ['*/*', 'application/*', 'application/json', 'application/problem+json'];

/** True when an Accept header admits JSON (ignoring q=0 entries). */
export function acceptsJson(accept: string | undefined): boolean {
  if (!accept || accept.trim() === '') return true;
  return accept.split(',').some((part) => {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) return false;
    return JSON_TYPES.includes((type ?? '').trim()) || (type ?? '').trim().endsWith('+json');
  });
}

/** The API answers JSON only: a client that accepts none gets 406 rather than a body it can't read. */
export function registerAcceptCheck(app: FastifyInstance) {
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/v1/')) return;
    if (!acceptsJson(request.headers.accept)) {
      throw new AppError({
        status: 406,
        code: 'request.not_acceptable',
        title: 'Not acceptable',
        detail: 'This API answers application/json (errors: application/problem+json)',
      });
    }
  });
}
