import { describe, expect, it, vi } from 'vitest';

// The real CSPRNG, counted: ids draw from a pooled buffer, not one call per id.
const calls = vi.hoisted(() => ({ randomFillSync: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  return {
    ...crypto,
    randomFillSync: (<T extends NodeJS.ArrayBufferView>(buffer: T) => {
      calls.randomFillSync++;
      return crypto.randomFillSync(buffer);
    }) as typeof crypto.randomFillSync,
  };
});

const { looksLikeId, newId } = await import('../../src/shared/ids.ts');

describe('newId', () => {
  it('makes distinct, well-formed ids across refills of the random pool, with one CSPRNG call per hundreds of ids', () => {
    const before = calls.randomFillSync;
    const ids = Array.from({ length: 2_000 }, () => newId('ticket', 1_700_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(looksLikeId('ticket', id)).toBe(true);
      expect(id).toMatch(/^tkt_[0-9a-z]{9}[0-9a-hjkmnp-tv-z]{16}$/);
    }
    // 10 random bytes an id, a 4,090-byte pool: 2,000 ids take 5 refills (not 2,000 calls)
    expect(calls.randomFillSync - before).toBeLessThanOrEqual(6);
  });

  it('keeps the time part first, so ids of later times sort later', () => {
    expect(newId('message', 1_000) < newId('message', 2_000)).toBe(true);
  });
});
