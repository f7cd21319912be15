import type { FastifyInstance } from 'fastify';
import { AppError } from './problem.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Media types this route answers besides JSON (a report's `text/csv`), chosen by Accept. */
    alsoProduces?: readonly string[];
  }
}

const JSON_TYPES = ['*/*', 'application/*', 'application/json', 'application/problem+json'];

interface Accepted {
  type: string;
  q: number;
}

function parseAccept(accept: string): Accepted[] {
  return accept.split(',').map((part) => {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return { type: (type ?? '').trim(), q: q ? Number(q.slice(2)) : 1 };
  });
}

/** True when an Accept header admits JSON (ignoring q=0 entries). */
export function acceptsJson(accept: string | undefined): boolean {
  if (!accept || accept.trim() === '') return true;
  return parseAccept(accept).some(({ type, q }) => q !== 0 && (JSON_TYPES.includes(type) || type.endsWith('+json')));
}

/**
 * The type to answer among JSON and a route's others: the one the client weighs highest. A type
 * named outright outweighs a wildcard of the same q (`text/csv, *\/*` is CSV), wildcards weigh
 * for JSON, and a tie goes to JSON (`*\/*` or no Accept at all is JSON). null: none is acceptable.
 */
export function negotiate(accept: string | undefined, others: readonly string[]): string | null {
  if (!accept || accept.trim() === '') return 'application/json';
  const entries = parseAccept(accept).filter(({ q }) => q > 0);
  const SPECIFIC = 1e-4;
  const score = (matches: (e: Accepted) => number | null) => Math.max(-1, ...entries.map((e) => matches(e) ?? -1));
  const json = score((e) =>
    e.type === 'application/json' || e.type === 'application/problem+json' || e.type.endsWith('+json') ? e.q + SPECIFIC : JSON_TYPES.includes(e.type) ? e.q : null,
  );
  let best = json >= 0 ? { type: 'application/json', q: json } : null;
  for (const type of others) {
    const q = score((e) => (e.type === type ? e.q + SPECIFIC : e.type === `${type.split('/')[0]}/*` ? e.q : null));
    if (q >= 0 && q > (best?.q ?? -1)) best = { type, q };
  }
  return best?.type ?? null;
}

/** The API answers JSON (and what a route also declares): a client that accepts none gets 406 rather than a body it can't read. */
export function registerAcceptCheck(app: FastifyInstance) {
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/v1/')) return;
    const others = request.routeOptions.config?.alsoProduces ?? [];
    if (negotiate(request.headers.accept, others) === null) {
      throw new AppError({
        status: 406,
        code: 'request.not_acceptable',
        title: 'Not acceptable',
        detail: `This operation answers ${['application/json', ...others].join(' or ')} (errors: application/problem+json)`,
      });
    }
  });
}
