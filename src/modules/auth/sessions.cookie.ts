import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'desk_session';
/** base64url of 32 bytes */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function generateSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The value of one cookie from a `Cookie` header (RFC 6265 `name=value; name2=value2`), or
 * undefined. A tiny parser instead of a dependency: we read one cookie and set one.
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header || header.length > 8_192) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    return value;
  }
  return undefined;
}

/** The session cookie's value as sent (possibly junk), or undefined when there is none. */
export const readSessionCookie = (header: string | undefined) => readCookie(header, SESSION_COOKIE);

/** Junk never reaches the database. */
export const isWellFormedSessionToken = (token: string) => TOKEN_PATTERN.test(token);

export function sessionCookie(token: string, options: { maxAgeSeconds: number; secure: boolean }): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', { maxAgeSeconds: 0, secure });
}

/**
 * Secure whenever the service is published over https (PUBLIC_URL), or this request came over
 * https: directly, or as a trusted proxy says (`request.protocol` follows X-Forwarded-Proto only
 * under TRUST_PROXY; a header any client can send decides nothing).
 */
export function cookieIsSecure(request: { protocol: string }, publishedOverHttps: boolean): boolean {
  return publishedOverHttps || request.protocol === 'https';
}
