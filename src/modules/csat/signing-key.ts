import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { settings } from './csat.tables.ts';

const KEY = 'survey_signing_key';

/**
 * The key that signs survey links: SURVEY_SIGNING_KEY when set, otherwise one generated on first
 * use and kept in Postgres, so every process (API, worker) signs and verifies alike.
 */
export function createSigningKeySource(db: Database, fromEnv?: string): () => Promise<string> {
  let cached: Promise<string> | undefined = fromEnv ? Promise.resolve(fromEnv) : undefined;
  return () => {
    cached ??= (async () => {
      await db
        .insert(settings)
        .values({ key: KEY, value: randomBytes(32).toString('base64url'), updatedAt: new Date() })
        .onConflictDoNothing();
      const [row] = await db.select().from(settings).where(eq(settings.key, KEY));
      return row!.value as string;
    })().catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return cached;
  };
}
