import { z } from 'zod';

export const Timestamp = z.iso.datetime({ offset: true }).describe('RFC 3339 time');

/** Ids are opaque; the length cap keeps junk ids cheap to reject. */
export const IdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'not an id')
    .describe('Resource id'),
});

/** Optional headers of writes, declared on each write so the OpenAPI document shows them. */
export const WriteHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
    .optional()
    .describe('Retry-safe key: a replay with the same key and body returns the first response'),
});

export const UpdateHeaders = WriteHeaders.extend({
  'if-match': z
    .string()
    .max(64)
    .optional()
    .describe('The `version` (or ETag) you read; a stale one answers 412'),
});

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Marks a comma-separated list parameter for the document, which shows it as an array (openapi-parameters.ts). */
export const COMMA_SEPARATED = 'x-comma-separated';

/**
 * Comma-separated list in a query string (`status=open,pending`). The pattern puts the allowed
 * words in the document (a client validating against it learns `status=archived` is refused) and
 * names the parameter itself, not an item, when one is wrong.
 */
export const csv = <T extends readonly [string, ...string[]]>(values: T) => {
  const item = `(?:${values.map(escapeRegExp).join('|')})`;
  const list = new RegExp(`^[\\s,]*${item}(?:\\s*,[\\s,]*${item})*[\\s,]*$`);
  return z
    .string()
    .max(500)
    .regex(list, `comma-separated, each one of: ${values.join(', ')}`)
    .transform((raw) => raw.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1))
    .meta({ [COMMA_SEPARATED]: [...values] });
};

/** Postgres text cannot hold NUL; say so at the door instead of failing at the database. */
const noNul = (value: string) => !value.includes('\u0000');

export const trimmed = (max: number) => z.string().trim().min(1).max(max).refine(noNul, 'must not contain NUL characters');
