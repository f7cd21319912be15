import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { settings } from '../csat/csat.tables.ts';

const GENERATED_KEY = 'webhook_secret_key';

/**
 * Seals webhook signing secrets at rest (AES-256-GCM). The service signs with them, so it must be
 * able to read them back: they are encrypted, not hashed. The endpoint's id is the associated data,
 * so a sealed secret copied onto another endpoint's row does not open there.
 * Sealed form: `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url).
 */
export interface SecretBox {
  seal(plaintext: string, endpointId: string): Promise<string>;
  open(sealed: string, endpointId: string): Promise<string>;
}

interface Key {
  id: string;
  bytes: Buffer;
}

/** A 256-bit key from a configured string (of 32+ characters), and a short id to find it again. */
function deriveKey(material: string): Key {
  const bytes = Buffer.from(hkdfSync('sha256', material, Buffer.alloc(0), 'ticketing webhook secrets v1', 32));
  return { id: createHash('sha256').update(bytes).digest('base64url').slice(0, 8), bytes };
}

export class SecretUnreadableError extends Error {}

/**
 * `keys`: WEBHOOK_SECRET_KEY's keys (the first seals, all open, so a new key can be introduced
 * before the old one goes). Without them a key is generated on first use and kept in Postgres, as
 * the survey signing key is: every process then seals and opens alike.
 */
export function createSecretBox(db: Database, keys?: readonly string[]): SecretBox {
  let cached: Promise<Key[]> | undefined = keys?.length ? Promise.resolve(keys.map(deriveKey)) : undefined;
  const load = () => {
    cached ??= (async () => {
      await db.insert(settings).values({ key: GENERATED_KEY, value: randomBytes(32).toString('base64url'), updatedAt: new Date() }).onConflictDoNothing();
      const [row] = await db.select().from(settings).where(eq(settings.key, GENERATED_KEY));
      return [deriveKey(row!.value as string)];
    })().catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return cached;
  };

  return {
    async seal(plaintext, endpointId) {
      const [key] = await load();
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key!.bytes, iv);
      cipher.setAAD(Buffer.from(endpointId));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', key!.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
    },
    async open(sealed, endpointId) {
      const [version, keyId, iv, tag, ciphertext] = sealed.split('.');
      const key = (await load()).find((k) => k.id === keyId);
      if (version !== 'v1' || !key || !iv || !tag || ciphertext === undefined) {
        throw new SecretUnreadableError('the signing secret was sealed with a key WEBHOOK_SECRET_KEY does not hold');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(endpointId));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretUnreadableError('the signing secret does not open (altered, or sealed for another endpoint)');
      }
    },
  };
}
