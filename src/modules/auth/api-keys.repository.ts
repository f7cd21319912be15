import { and, desc, eq, isNull } from 'drizzle-orm';
import { afterPosition, type KeysetPosition } from '../../db/keyset.ts';
import type { Executor } from '../../db/client.ts';
import { agents } from '../agents/agents.table.ts';
import { apiKeys } from './api-keys.table.ts';

export type ApiKeyRow = typeof apiKeys.$inferSelect;
/** A key with the current state of the agent it acts for (null when it acts for nobody). */
export interface ApiKeyWithAgent {
  key: ApiKeyRow;
  agent: { active: boolean; role: 'admin' | 'lead' | 'agent' } | null;
}

export function createApiKeyRepository(db: Executor) {
  return {
    async insert(row: typeof apiKeys.$inferInsert): Promise<ApiKeyRow> {
      const [inserted] = await db.insert(apiKeys).values(row).returning();
      return inserted!;
    },
    /** The authentication lookup: one indexed query that also reads the agent's current state. */
    async findBySecretHash(secretHash: string): Promise<ApiKeyWithAgent | undefined> {
      const [row] = await db
        .select({ key: apiKeys, agent: { active: agents.active, role: agents.role } })
        .from(apiKeys)
        .leftJoin(agents, eq(agents.id, apiKeys.agentId))
        .where(eq(apiKeys.secretHash, secretHash))
        .limit(1);
      return row;
    },
    async findById(id: string): Promise<ApiKeyRow | undefined> {
      const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
      return row;
    },
    async list(limit: number, after?: KeysetPosition): Promise<ApiKeyRow[]> {
      return db
        .select()
        .from(apiKeys)
        .where(afterPosition(apiKeys.createdAt, apiKeys.id, after))
        .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
        .limit(limit);
    },
    async revoke(id: string, at: Date): Promise<ApiKeyRow | undefined> {
      const [row] = await db
        .update(apiKeys)
        .set({ revokedAt: at })
        .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
        .returning();
      return row;
    },
  };
}

export type ApiKeyRepository = ReturnType<typeof createApiKeyRepository>;
