import { randomBytes } from 'node:crypto';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { AgentRepository } from '../agents/agents.repository.ts';
import { hashPassword, verifyPassword } from '../agents/passwords.ts';
import type { SessionRepository, SessionWithAgent } from './sessions.repository.ts';
import { generateSessionToken, hashSessionToken, isWellFormedSessionToken } from './sessions.cookie.ts';
import { ROLE_SCOPES, type Principal } from './scopes.ts';
import { invalidCredentials } from './sessions.errors.ts';

/** Fixed lifetime from sign-in (not sliding): one shift, then sign in again. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Like API keys, lookups are cached briefly; sign-out here drops the entry at once. */
const CACHE_TTL_MS = 5_000;

export function createSessionService(deps: { sessions: SessionRepository; agents: Pick<AgentRepository, 'findByEmail'>; clock: Clock }) {
  const { sessions, agents, clock } = deps;
  const cache = new Map<string, { found: SessionWithAgent | null; until: number }>();
  // Unknown emails still cost one Argon2 verification, so response time does not reveal who exists.
  let dummyHash: Promise<string> | undefined;

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
    async signIn(email: string, password: string) {
      const agent = await agents.findByEmail(email.trim().toLowerCase());
      if (!agent) {
        dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
        await verifyPassword(await dummyHash, password);
        throw invalidCredentials();
      }
      const ok = await verifyPassword(agent.passwordHash, password);
      if (!ok || !agent.active) throw invalidCredentials();
      const token = generateSessionToken();
      const createdAt = clock.now();
      const session = await sessions.insert({
        id: newId('session', createdAt.getTime()),
        tokenHash: hashSessionToken(token),
        agentId: agent.id,
        createdAt,
        expiresAt: new Date(createdAt.getTime() + SESSION_TTL_MS),
      });
      return { token, session, agent };
    },

    /** The signed-in agent and their session, or null (unknown, revoked, expired, deactivated). */
    current: lookup,

    async authenticate(token: string): Promise<Principal | null> {
      const found = await lookup(token);
      if (!found) return null;
      return { kind: 'agent', id: found.agent.id, agentId: found.agent.id, scopes: ROLE_SCOPES[found.agent.role] };
    },

    async signOut(token: string): Promise<void> {
      if (!isWellFormedSessionToken(token)) return;
      const hash = hashSessionToken(token);
      // A tombstone rather than a delete: a lookup racing with sign-out cannot re-cache it as live.
      cache.set(hash, { found: null, until: Date.now() + CACHE_TTL_MS });
      await sessions.revoke(hash, clock.now());
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
