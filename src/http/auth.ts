import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { AppError } from './problem.ts';
import { hasScope, type Principal, type Scope } from '../modules/auth/scopes.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The scope an API key needs; routes without one are public. */
    scope?: Scope;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface Authenticator {
  /** Resolves a bearer secret to a principal, or null when unknown, revoked or expired. */
  authenticate(secret: string): Promise<Principal | null>;
}

export const unauthorized = (detail: string) =>
  new AppError({
    status: 401,
    code: 'auth.unauthorized',
    title: 'Unauthorized',
    detail,
    headers: { 'www-authenticate': 'Bearer realm="ticketing"' },
  });

export const forbidden = (scope: Scope) =>
  new AppError({ status: 403, code: 'auth.forbidden', title: 'Forbidden', detail: `This key lacks the '${scope}' scope` });

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(header);
  return match?.[1];
}

/** Every route that declares `config.scope` needs a key carrying it (401 / 403 problem+json). */
export const authPlugin = fp<{ authenticator: Authenticator }>(async (app, { authenticator }) => {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const scope = request.routeOptions.config.scope;
    if (!scope) return;
    const secret = bearer(request);
    if (!secret) throw unauthorized('Send an API key as `Authorization: Bearer <key>`');
    const principal = await authenticator.authenticate(secret);
    if (!principal) throw unauthorized('The API key is unknown, revoked or expired');
    if (!hasScope(principal.scopes, scope)) throw forbidden(scope);
    request.principal = principal;
  });
});
