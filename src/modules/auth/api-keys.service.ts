import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { Database } from '../../db/client.ts';
import { apiKeys } from './api-keys.table.ts';
import type { ApiKeyRepository, ApiKeyWithAgent } from './api-keys.repository.ts';
import { generateApiKeySecret, hashApiKeySecret, secretHint } from './api-keys.secret.ts';
import { ROLE_SCOPES, type Principal } from './scopes.ts';
import { agentInactive, apiKeyNotFound, scopesExceedAgentRole } from './auth.errors.ts';
import { assertMayChangeAgent, assertMayGrant, intersectScopes, roleScopes, scopesBeyond, type Grantor, type Role } from './grants.ts';

/** Lookups are cached briefly: at thousands of requests per second the key table is the hot path. */
const CACHE_TTL_MS = 5_000;

export interface BootstrapOutcome {
  /** A key generated on this start, to print once; null when none was. */
  generated: string | null;
  /** ADMIN_API_KEY is set to a key that was revoked: it stays revoked (set a new value). */
  envKeyRevoked: boolean;
  /** Earlier ADMIN_API_KEY values revoked on this start because they are no longer in the environment. */
  revokedEnvKeys: number;
}

export function createApiKeyService(deps: { keys: ApiKeyRepository; db: Database; clock: Clock }) {
  const { keys, clock } = deps;
  const cache = new Map<string, { principal: Principal | null; until: number }>();

  /** A key works while it is live and, when it acts for an agent, while that agent is active; it never does more than their role. */
  function toPrincipal({ key, agent }: ApiKeyWithAgent): Principal | null {
    if (key.revokedAt || (key.expiresAt && key.expiresAt <= clock.now())) return null;
    if (key.agentId === null) return { kind: 'api_key', id: key.id, agentId: null, scopes: key.scopes, rateLimitPerMinute: key.rateLimitPerMinute };
    if (!agent?.active) return null;
    return { kind: 'api_key', id: key.id, agentId: key.agentId, scopes: intersectScopes(key.scopes, ROLE_SCOPES[agent.role]), rateLimitPerMinute: key.rateLimitPerMinute };
  }

  return {
    async authenticate(secret: string): Promise<Principal | null> {
      const hash = hashApiKeySecret(secret);
      const now = Date.now();
      const cached = cache.get(hash);
      if (cached && cached.until > now) return cached.principal;
      const row = await keys.findBySecretHash(hash);
      const principal = row ? toPrincipal(row) : null;
      if (cache.size > 10_000) cache.clear();
      cache.set(hash, { principal, until: now + CACHE_TTL_MS });
      return principal;
    },

    /**
     * A key carries only scopes its creator holds; a key acting for an agent is one of that
     * agent's credentials, so its creator must hold the agent's role, and it stays within it.
     */
    async create(
      input: { name: string; scopes: string[]; expiresAt?: Date | null; rateLimitPerMinute?: number | null | undefined },
      caller: Grantor,
      actingFor?: { id: string; role: Role; active: boolean },
    ) {
      const scopes = [...new Set(input.scopes)];
      assertMayGrant(caller, scopes, 'a key with these scopes');
      if (actingFor) {
        assertMayChangeAgent(caller, actingFor.role);
        const beyondRole = scopesBeyond(roleScopes(actingFor.role), scopes);
        if (beyondRole.length > 0) throw scopesExceedAgentRole(beyondRole, actingFor.role);
        if (!actingFor.active) throw agentInactive();
      }
      const secret = generateApiKeySecret();
      const row = await keys.insert({
        id: newId('apiKey'),
        name: input.name,
        secretHash: hashApiKeySecret(secret),
        hint: secretHint(secret),
        scopes,
        agentId: actingFor?.id ?? null,
        createdAt: clock.now(),
        expiresAt: input.expiresAt ?? null,
        rateLimitPerMinute: input.rateLimitPerMinute ?? null,
      });
      return { row, secret };
    },

    async revoke(id: string) {
      const row = (await keys.revoke(id, clock.now())) ?? (await keys.findById(id));
      if (!row) throw apiKeyNotFound(id);
      cache.clear();
      return row;
    },

    get: async (id: string) => {
      const row = await keys.findById(id);
      if (!row) throw apiKeyNotFound(id);
      return row;
    },

    list: keys.list,

    /** After an agent changed (deactivated, demoted): this process re-reads keys at once. */
    forgetCached(): void {
      cache.clear();
    },

    /**
     * What a start-up does with ADMIN_API_KEY:
     * - set: earlier env keys with another value are revoked (the value was rotated); the key is
     *   created unless a key with that value exists; a revoked one stays revoked (never undone by
     *   a restart: the operator sets a new value).
     * - unset: every env key is revoked (it was removed from the environment); on the first start
     *   that never had a generated key, one is generated and returned to print once. A generated
     *   key stays until someone revokes it, and is never generated again.
     */
    async bootstrap(adminApiKey: string | undefined): Promise<BootstrapOutcome> {
      const outcome = await deps.db.transaction(async (tx): Promise<BootstrapOutcome> => {
        // Two API processes starting at once must not both generate or both insert.
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended('api_keys.bootstrap', 0))`);
        const now = clock.now();
        const envHash = adminApiKey ? hashApiKeySecret(adminApiKey) : undefined;
        const revoked = await tx
          .update(apiKeys)
          .set({ revokedAt: now })
          .where(and(eq(apiKeys.origin, 'env'), isNull(apiKeys.revokedAt), envHash ? ne(apiKeys.secretHash, envHash) : undefined))
          .returning({ id: apiKeys.id });
        const revokedEnvKeys = revoked.length;

        if (adminApiKey && envHash) {
          const [existing] = await tx.select().from(apiKeys).where(eq(apiKeys.secretHash, envHash)).limit(1);
          if (existing?.revokedAt) return { generated: null, envKeyRevoked: true, revokedEnvKeys };
          if (existing) {
            // Keys stored before hints showed only the last characters get the short hint now.
            if (existing.hint !== secretHint(adminApiKey)) await tx.update(apiKeys).set({ hint: secretHint(adminApiKey) }).where(eq(apiKeys.id, existing.id));
            return { generated: null, envKeyRevoked: false, revokedEnvKeys };
          }
          await tx.insert(apiKeys).values({
            id: newId('apiKey'),
            name: 'bootstrap admin (ADMIN_API_KEY)',
            secretHash: envHash,
            hint: secretHint(adminApiKey),
            scopes: ['admin'],
            createdAt: now,
            origin: 'env',
          });
          return { generated: null, envKeyRevoked: false, revokedEnvKeys };
        }

        const [generatedBefore] = await tx.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.origin, 'generated')).limit(1);
        if (generatedBefore) return { generated: null, envKeyRevoked: false, revokedEnvKeys };
        const secret = generateApiKeySecret();
        await tx.insert(apiKeys).values({
          id: newId('apiKey'),
          name: 'bootstrap admin (generated on first start)',
          secretHash: hashApiKeySecret(secret),
          hint: secretHint(secret),
          scopes: ['admin'],
          createdAt: now,
          origin: 'generated',
        });
        return { generated: secret, envKeyRevoked: false, revokedEnvKeys };
      });
      cache.clear();
      return outcome;
    },
  };
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
