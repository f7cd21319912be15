import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { AppError } from './problem.ts';
import { hasScope, type Principal, type Scope } from '../modules/auth/scopes.ts';
import { readSessionCookie } from '../modules/auth/sessions.cookie.ts';
import { csrfRejected } from '../modules/auth/sessions.errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The scope an API key needs; routes without one are public. */
    scope?: Scope;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Lets the helpdesk's session plugin, registered later, sign requests in by cookie. */
    useSessionAuthenticator(sessions: Authenticator): void;
    /** Every route registered after the auth plugin, with the scope it enforces (null: public). */
    readonly routeAccess: readonly RouteAccess[];
  }
}

export interface Authenticator {
  /** Resolves a bearer secret (or a session token) to a principal, or null when unknown, revoked or expired. */
  authenticate(secret: string): Promise<Principal | null>;
}

/** What one route requires, as this plugin enforces it: reviewed against test/http/authorization-matrix.ts. */
export interface RouteAccess {
  method: string;
  /** Fastify's path (`/v1/tickets/:id`). */
  url: string;
  scope: Scope | null;
}

export const unauthorized = (detail: string) =>
  new AppError({
    status: 401,
    code: 'auth.unauthorized',
    title: 'Unauthorized',
    detail,
    headers: { 'www-authenticate': 'Bearer realm="ticketing"' },
  });

export const forbidden = (scope: Scope, who = 'This key') =>
  new AppError({ status: 403, code: 'auth.forbidden', title: 'Forbidden', detail: `${who} lacks the '${scope}' scope` });

/** Methods a cross-site page can trigger without side effects; everything else needs the CSRF header. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_VALUE = 'desk';

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(header);
  return match?.[1];
}

/** Cookie-authenticated writes must carry `X-Requested-With: desk` (a cross-site form cannot set it). */
export function checkCsrf(request: FastifyRequest): void {
  if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== CSRF_VALUE) throw csrfRejected();
}

/**
 * Every route that declares `config.scope` needs a key carrying it (401 / 403 problem+json). With
 * no Authorization header at all, the helpdesk's `desk_session` cookie signs the agent in instead,
 * with the scopes of their role.
 */
export const authPlugin = fp<{ authenticator: Authenticator }>(async (app, { authenticator }) => {
  let sessions: Authenticator | null = null;
  app.decorate('useSessionAuthenticator', (authenticator: Authenticator) => {
    sessions = authenticator;
  });
  app.decorateRequest('principal', null);
  // The rule of every route, read from the same `config.scope` the hook below enforces.
  const routeAccess: RouteAccess[] = [];
  app.decorate('routeAccess', routeAccess);
  app.addHook('onRoute', (route) => {
    // Read when asked, not now: a plugin's own onRoute hook (the queue view's) may set the scope after this one runs.
    for (const method of [route.method].flat()) routeAccess.push({ method, url: route.url, get scope() { return route.config?.scope ?? null; } });
  });
  app.addHook('onRequest', async (request) => {
    const scope = request.routeOptions.config.scope;
    if (!scope) return;
    const cookie = sessions && request.headers.authorization === undefined ? readSessionCookie(request.headers.cookie) : undefined;
    if (sessions && cookie !== undefined) {
      const principal = await sessions.authenticate(cookie);
      if (!principal) throw unauthorized('Your helpdesk session has ended or was signed out; sign in again');
      checkCsrf(request);
      // Known before the scope check, so that a refusal is audited with who was refused.
      request.principal = principal;
      if (!hasScope(principal.scopes, scope)) throw forbidden(scope, 'Your role');
      return;
    }
    const secret = bearer(request);
    if (!secret) throw unauthorized('Send an API key as `Authorization: Bearer <key>`');
    const principal = await authenticator.authenticate(secret);
    if (!principal) throw unauthorized('The API key is unknown, revoked or expired');
    request.principal = principal;
    if (!hasScope(principal.scopes, scope)) throw forbidden(scope);
  });
});

/** Who is asking, on a route that declares a scope (the hook above has signed them in already). */
export function callerOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized('Send an API key as `Authorization: Bearer <key>`');
  return request.principal;
}
