import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { checkCsrf } from '../../http/auth.ts';
import { errorResponses } from '../../http/error-responses.ts';
import type { SessionRow } from './sessions.repository.ts';
import { CsrfHeaders, SessionSchema, SignInSchema } from './sessions.schemas.ts';
import type { SessionService } from './sessions.service.ts';
import { clearedSessionCookie, cookieIsSecure, readSessionCookie, sessionCookie } from './sessions.cookie.ts';
import { notSignedIn } from './sessions.errors.ts';
import { userAgentForAudit } from '../audit/user-agent.ts';

/**
 * Per IP, every attempt: only a flood ceiling (sessions rows, Argon2 time). Guessing is stopped by
 * the per-account lock and spraying by the per-IP failure budget (sessions.service.ts), which
 * count failures only and so never stop a colleague behind the same address from signing in.
 */
export const SIGN_IN_RATE_LIMIT = { max: 60, timeWindow: '1 minute', keyGenerator: (request: { ip: string }) => request.ip };

type SessionAgent = { id: string; name: string; email: string; role: 'admin' | 'lead' | 'agent'; teamId: string | null };

const present = (session: SessionRow, agent: SessionAgent) => ({
  agent: { id: agent.id, name: agent.name, email: agent.email, role: agent.role, teamId: agent.teamId },
  expiresAt: session.expiresAt.toISOString(),
});

function noStore(reply: FastifyReply) {
  reply.header('cache-control', 'no-store');
}

/** Where a sign-in or sign-out came from, for its audit record. */
const clientOf = (request: FastifyRequest) => ({ ip: request.ip, userAgent: userAgentForAudit(request.headers['user-agent']), requestId: request.id });

/** Helpdesk sign-in: `POST /v1/sessions` sets the `desk_session` cookie that src/http/auth.ts accepts. */
export const sessionRoutes: FastifyPluginAsyncZod<{ sessions: SessionService; publishedOverHttps: boolean }> = async (app, { sessions, publishedOverHttps }) => {
  app.useSessionAuthenticator(sessions);

  app.post(
    '/v1/sessions',
    {
      // A sign-in is never replayed from the idempotency store: each one is a new session.
      config: { rateLimit: SIGN_IN_RATE_LIMIT, idempotency: false },
      schema: {
        tags: ['agents'],
        operationId: 'signIn',
        summary: 'Sign an agent in to the helpdesk with email and password (sets the desk_session cookie)',
        description:
          'Answers the signed-in agent and sets an HttpOnly, SameSite=Strict `desk_session` cookie valid for 12 hours. ' +
          'A wrong email, a wrong password and a deactivated agent all answer the same 401. ' +
          'After 5 failed attempts in a row an email (known or not) is locked for 1 minute, doubling with each lock up to 1 hour ' +
          '(429 `auth.sign_in_locked` with Retry-After; an admin unlocks with a new password or `signInLockedUntil: null`). ' +
          'An address with 30 failed sign-ins in 10 minutes, across accounts, waits for the rest of them (429 `auth.too_many_attempts`); ' +
          'any address, 60 attempts a minute. The cookie is Secure when PUBLIC_URL is https or the request is (through a trusted proxy). ' +
          'Requests authenticated by the cookie must send `X-Requested-With: desk` on every method but GET and HEAD.',
        body: SignInSchema,
        response: { 201: SessionSchema, ...errorResponses({ public: true, write: true, extra: [401] }) },
      },
    },
    async (request, reply) => {
      const { token, session, agent } = await sessions.signIn(request.body.email, request.body.password, clientOf(request));
      const maxAgeSeconds = (session.expiresAt.getTime() - session.createdAt.getTime()) / 1000;
      reply.header('set-cookie', sessionCookie(token, { maxAgeSeconds, secure: cookieIsSecure(request, publishedOverHttps) }));
      noStore(reply);
      return reply.code(201).send(present(session, agent));
    },
  );

  app.get(
    '/v1/sessions/current',
    {
      schema: {
        tags: ['agents'],
        operationId: 'getCurrentSession',
        summary: 'The agent signed in by the desk_session cookie (401 when none)',
        security: [{ deskSession: [] }],
        response: { 200: SessionSchema, ...errorResponses({ extra: [401] }) },
      },
    },
    async (request: FastifyRequest, reply) => {
      const token = readSessionCookie(request.headers.cookie);
      const found = token === undefined ? null : await sessions.current(token);
      if (!found) throw notSignedIn();
      noStore(reply);
      return present(found.session, found.agent);
    },
  );

  app.delete(
    '/v1/sessions/current',
    {
      schema: {
        tags: ['agents'],
        operationId: 'signOut',
        summary: 'Sign out: revoke the session and clear the cookie (204 even when not signed in)',
        // The cookie when there is one; without it the call still answers 204.
        security: [{ deskSession: [] }, {}],
        headers: CsrfHeaders,
        response: { 204: z.undefined().describe('Signed out'), ...errorResponses({ public: true, extra: [403] }) },
      },
    },
    async (request, reply) => {
      const token = readSessionCookie(request.headers.cookie);
      if (token !== undefined) {
        checkCsrf(request);
        await sessions.signOut(token, clientOf(request));
      }
      reply.header('set-cookie', clearedSessionCookie(cookieIsSecure(request, publishedOverHttps)));
      noStore(reply);
      return reply.code(204).send();
    },
  );

  app.delete(
    '/v1/sessions',
    {
      schema: {
        tags: ['agents'],
        operationId: 'signOutEverywhere',
        summary: "Sign out everywhere: revoke every session of the signed-in agent (their own only) and clear this cookie",
        description:
          'Ends every helpdesk session of the agent the `desk_session` cookie signs in, on every browser, this one included ' +
          '(other API processes stop accepting them within seconds). Only a session cookie can ask: an API key answers 401. ' +
          'Other agents\' sessions are never touched.',
        security: [{ deskSession: [] }],
        headers: CsrfHeaders,
        response: { 204: z.undefined().describe('Every session of the agent ended'), ...errorResponses({ extra: [401, 403] }) },
      },
    },
    async (request, reply) => {
      const token = readSessionCookie(request.headers.cookie);
      if (token === undefined) throw notSignedIn();
      checkCsrf(request);
      const ended = await sessions.signOutEverywhere(token, clientOf(request));
      if (!ended) throw notSignedIn();
      reply.header('set-cookie', clearedSessionCookie(cookieIsSecure(request, publishedOverHttps)));
      noStore(reply);
      return reply.code(204).send();
    },
  );
};
