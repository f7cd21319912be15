import { eq } from 'drizzle-orm';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { Database } from '../../db/client.ts';
import { apiKeys } from './api-keys.table.ts';
import type { ApiKeyRepository, ApiKeyRow } from './api-keys.repository.ts';
import { generateApiKeySecret, hashApiKeySecret, secretHint } from './api-keys.secret.ts';
import type { Principal } from './scopes.ts';
import { apiKeyNotFound } from './auth.errors.ts';

const BOOTSTRAP_KEY_ID = 'key_bootstrap';
/** Lookups are cached briefly: at thousands of requests per second the key table is the hot path. */
const CACHE_TTL_MS = 5_000;

export function createApiKeyService(deps: { keys: ApiKeyRepository; db: Database; clock: Clock }) {
  const { keys, clock } = deps;
  const cache = new Map<string, { principal: Principal | null; until: number }>();

  function toPrincipal(row: ApiKeyRow): Principal | null {
    const now = clock.now();
    if (row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
    return { kind: 'api_key', id: row.id, agentId: row.agentId, scopes: row.scopes };
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

    async create(input: { name: string; scopes: string[]; agentId?: string | null; expiresAt?: Date | null }) {
      const secret = generateApiKeySecret();
      const row = await keys.insert({
        id: newId('apiKey'),
        name: input.name,
        secretHash: hashApiKeySecret(secret),
        hint: secretHint(secret),
        scopes: [...new Set(input.scopes)],
        agentId: input.agentId ?? null,
        createdAt: clock.now(),
        expiresAt: input.expiresAt ?? null,
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

    /**
     * ADMIN_API_KEY, when set, is the bootstrap admin key (its hash is refreshed if it changed).
     * Otherwise the first start generates one and returns it so the caller can print it once.
     */
    async bootstrap(adminApiKey: string | undefined): Promise<{ generated: string | null }> {
      if (adminApiKey) {
        const secretHash = hashApiKeySecret(adminApiKey);
        await deps.db
          .insert(apiKeys)
          .values({
            id: BOOTSTRAP_KEY_ID,
            name: 'bootstrap admin (ADMIN_API_KEY)',
            secretHash,
            hint: secretHint(adminApiKey),
            scopes: ['admin'],
            createdAt: clock.now(),
          })
          .onConflictDoUpdate({ target: apiKeys.id, set: { secretHash, hint: secretHint(adminApiKey), revokedAt: null } });
        return { generated: null };
      }
      const existing = await deps.db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.id, BOOTSTRAP_KEY_ID)).limit(1);
      if (existing.length > 0) return { generated: null };
      const secret = generateApiKeySecret();
      const inserted = await deps.db
        .insert(apiKeys)
        .values({
          id: BOOTSTRAP_KEY_ID,
          name: 'bootstrap admin (generated on first start)',
          secretHash: hashApiKeySecret(secret),
          hint: secretHint(secret),
          scopes: ['admin'],
          createdAt: clock.now(),
        })
        .onConflictDoNothing()
        .returning({ id: apiKeys.id });
      return { generated: inserted.length > 0 ? secret : null };
    },
  };
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
