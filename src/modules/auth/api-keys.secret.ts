import { createHash, randomBytes } from 'node:crypto';

/** `tk_` + 32 random bytes: long and random enough that a plain SHA-256 is a safe way to store it. */
export function generateApiKeySecret(): string {
  return `tk_${randomBytes(32).toString('base64url')}`;
}

export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Enough to tell keys apart in a list, too little to help guess one: the last 4 characters. */
export function secretHint(secret: string): string {
  return `…${secret.slice(-4)}`;
}
