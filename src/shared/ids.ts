import { randomFillSync } from 'node:crypto';

/**
 * Opaque, prefixed, roughly time-ordered ids (`tkt_…`). The time part keeps B-tree inserts local;
 * ordering for pagination never relies on it (lists sort by (created_at, id)).
 */
export const ID_PREFIXES = {
  ticket: 'tkt',
  message: 'msg',
  customer: 'cus',
  identity: 'cid',
  event: 'evt',
  agent: 'agt',
  team: 'team',
  apiKey: 'key',
  correction: 'cor',
  calendar: 'cal',
  policy: 'slp',
  slaTarget: 'sla',
  survey: 'srv',
  surveyResponse: 'srr',
  session: 'ses',
  bulkJob: 'blk',
  webhook: 'whk',
  webhookDelivery: 'dlv',
  alert: 'alr',
  routingRule: 'rtr',
  macro: 'mac',
  outcome: 'out',
  audit: 'aud',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

const RANDOM_BYTES = 10;
// One CSPRNG call per 409 ids instead of one per id (an intake makes 8 ids; each call is a trip
// into OpenSSL), as Node's own randomUUID() does with its entropy cache. Each id still gets 80
// fresh random bits: a slice is used once, then the pool is refilled.
const pool = new Uint8Array(4096 - (4096 % RANDOM_BYTES));
let poolOffset = pool.length;

function randomSlice(): Uint8Array {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const slice = pool.subarray(poolOffset, poolOffset + RANDOM_BYTES);
  poolOffset += RANDOM_BYTES;
  return slice;
}

export function newId(kind: IdKind, now: number = Date.now()): string {
  const time = now.toString(32).padStart(9, '0');
  return `${ID_PREFIXES[kind]}_${time}${base32(randomSlice())}`;
}

/** Syntactic check used to turn junk ids into a 404 without touching the database. */
export function looksLikeId(kind: IdKind, value: string): boolean {
  return value.length <= 64 && value.startsWith(`${ID_PREFIXES[kind]}_`) && /^[a-z]+_[0-9a-z]+$/.test(value);
}
