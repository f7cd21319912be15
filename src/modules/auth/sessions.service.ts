import { randomBytes } from 'node:crypto';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { AgentRepository } from '../agents/agents.repository.ts';
import { hashPassword, verifyPassword } from '../agents/passwords.ts';
import type { SessionRepository, SessionWithAgent } from './sessions.repository.ts';
import { generateSessionToken, hashSessionToken, isWellFormedSessionToken } from './sessions.cookie.ts';
import { ROLE_SCOPES, type Principal } from './scopes.ts';
import { invalidCredentials, signInLocked, tooManyAttempts } from './sessions.errors.ts';
import type { SignInThrottleRepository } from './sign-in-throttle.repository.ts';
import { throttleKeyOf } from './sign-in-throttle.ts';
import { createIpFailureBudget, type IpFailureBudget } from './ip-failure-budget.ts';
import type { AuditEntry, AuditRecorder } from '../audit/audit-recorder.ts';

/** Where a sign-in came from, for its audit record (ids and tokens only: never the email). */
export interface SignInClient {
  ip: string;
  userAgent?: string | null;
  requestId?: string | null;
}

/** Fixed lifetime from sign-in (not sliding): one shift, then sign in again. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Like API keys, lookups are cached briefly; sign-out here drops the entry at once. */
const CACHE_TTL_MS = 5_000;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
}

export function createSessionService(deps: {
  sessions: SessionRepository;
  agents: Pick<AgentRepository, 'findByEmail'>;
  throttles: Pick<SignInThrottleRepository, 'begin' | 'clear'>;
  clock: Clock;
  passwords?: PasswordHasher;
  ipFailures?: IpFailureBudget;
  /** Sign-ins go to the audit log: the one route that signs someone in has no principal for the HTTP hook. */
  audit?: Pick<AuditRecorder, 'write'>;
}) {
  const { sessions, agents, throttles, clock } = deps;
  const passwords = deps.passwords ?? { hash: hashPassword, verify: verifyPassword };
  const ipFailures = deps.ipFailures ?? createIpFailureBudget(clock);
  const cache = new Map<string, { found: SessionWithAgent | null; until: number }>();
  // Unknown emails cost one Argon2 verification against this hash (same parameters as real ones),
  // so response time does not reveal who exists. Made up front: the first unknown email must not
  // be the one request that also pays for hashing.
  const dummyHash = passwords.hash(randomBytes(16).toString('hex'));

  /**
   * The audit records of sign-in and sign-out, named as the HTTP hook would name their routes
   * (`sessions.create`, `sessions.current.delete`, `sessions.delete`); none of these routes has a
   * principal for the hook. A failing audit write does not fail the sign-in or the sign-out.
   */
  const ROUTES = {
    signIn: { action: 'sessions.create', kind: 'create', method: 'POST', route: '/v1/sessions' },
    signOut: { action: 'sessions.current.delete', kind: 'delete', method: 'DELETE', route: '/v1/sessions/current' },
    signOutEverywhere: { action: 'sessions.delete', kind: 'delete', method: 'DELETE', route: '/v1/sessions' },
  } as const;
  async function audited(what: keyof typeof ROUTES, agentId: string, sessionId: string | null, status: number, client: SignInClient | undefined): Promise<void> {
    if (!deps.audit || !client) return;
    const entry: AuditEntry = {
      actor: { type: 'agent', id: agentId },
      ...ROUTES[what],
      resource: 'sessions',
      resourceId: sessionId,
      status,
      ip: client.ip,
      userAgent: client.userAgent ?? null,
      requestId: client.requestId ?? null,
    };
    await deps.audit.write(entry).catch(() => undefined);
  }

  function usable(found: SessionWithAgent | undefined | null): SessionWithAgent | null {
    if (!found) return null;
    const { session, agent } = found;
    if (session.revokedAt || session.expiresAt <= clock.now() || !agent.active) return null;
    return found;
  }

  async function lookup(token: string): Promise<SessionWithAgent | null> {
    if (!isWellFormedSessionToken(token)) return null;
    const hash = hashSessionToken(token);
    const now = Date.now();
    const cached = cache.get(hash);
    if (cached && cached.until > now) return usable(cached.found);
    const found = (await sessions.findByTokenHash(hash)) ?? null;
    if (cache.size > 10_000) cache.clear();
    cache.set(hash, { found, until: now + CACHE_TTL_MS });
    return usable(found);
  }

  return {
    /**
     * Limits, in order: the client IP's failure budget (spraying), then the account's lock
     * (guessing, across IPs and processes), then the password. Both limits answer 429 before any
     * password is checked.
     */
    async signIn(email: string, password: string, client: SignInClient) {
      const ipWait = ipFailures.retryAfterMs(client.ip);
      if (ipWait > 0) throw tooManyAttempts(ipWait);
      const key = throttleKeyOf(email);
      const verdict = await throttles.begin(key, clock.now());
      if (!verdict.allowed) throw signInLocked(verdict.retryAfterMs);

      const agent = await agents.findByEmail(email.trim().toLowerCase());
      const matches = await passwords.verify(agent?.passwordHash ?? (await dummyHash), password);
      if (!agent || !matches || !agent.active) {
        ipFailures.recordFailure(client.ip);
        // A refused attempt on an existing account names the account it tried (status 401); an
        // unknown email names nobody and is not recorded (anyone could fill the log with them).
        if (agent) await audited('signIn', agent.id, null, 401, client);
        throw invalidCredentials();
      }
      await throttles.clear(key);
      const token = generateSessionToken();
      const createdAt = clock.now();
      const session = await sessions.insert({
        id: newId('session', createdAt.getTime()),
        tokenHash: hashSessionToken(token),
        agentId: agent.id,
        createdAt,
        expiresAt: new Date(createdAt.getTime() + SESSION_TTL_MS),
      });
      await audited('signIn', agent.id, session.id, 201, client);
      return { token, session, agent };
    },

    /** The signed-in agent and their session, or null (unknown, revoked, expired, deactivated). */
    current: lookup,

    async authenticate(token: string): Promise<Principal | null> {
      const found = await lookup(token);
      if (!found) return null;
      return { kind: 'agent', id: found.agent.id, agentId: found.agent.id, scopes: ROLE_SCOPES[found.agent.role], sessionId: found.session.id };
    },

    /** Ends the session of this token; recorded when it ended a live one (a stale cookie ends nothing). */
    async signOut(token: string, client?: SignInClient): Promise<void> {
      if (!isWellFormedSessionToken(token)) return;
      const hash = hashSessionToken(token);
      // A tombstone rather than a delete: a lookup racing with sign-out cannot re-cache it as live.
      cache.set(hash, { found: null, until: Date.now() + CACHE_TTL_MS });
      const ended = await sessions.revoke(hash, clock.now());
      if (ended) await audited('signOut', ended.agentId, ended.id, 204, client);
    },

    /**
     * "Sign out everywhere": ends every session of the agent this token signs in (a browser left
     * signed in elsewhere), this one included. Null when the token signs nobody in.
     */
    async signOutEverywhere(token: string, client?: SignInClient): Promise<{ revoked: number } | null> {
      const found = await lookup(token);
      if (!found) return null;
      const revoked = await sessions.revokeAllOf(found.agent.id, clock.now());
      // This process stops trusting them at once; other processes within their cache's seconds.
      cache.clear();
      // The record names the session that asked; how many ended is the sessions table's to say.
      await audited('signOutEverywhere', found.agent.id, found.session.id, 204, client);
      return { revoked };
    },

    /**
     * After an agent's sessions were revoked or their state changed: this process stops trusting
     * what it cached at once; other processes within the cache's few seconds.
     */
    forgetCached(): void {
      cache.clear();
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
