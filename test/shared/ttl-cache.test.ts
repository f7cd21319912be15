import { describe, expect, it } from 'vitest';
import { createTtlCache } from '../../src/shared/ttl-cache.ts';

describe('createTtlCache', () => {
  it('lets callers that find it stale at the same moment share one read', async () => {
    let reads = 0;
    const cache = createTtlCache(60_000, async (_: null) => {
      reads++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return [reads];
    });
    const all = await Promise.all(Array.from({ length: 50 }, () => cache.all(null)));
    expect(reads).toBe(1);
    expect(new Set(all.map((rows) => rows[0]))).toEqual(new Set([1]));
    expect(await cache.all(null)).toEqual([1]); // cached
    expect(reads).toBe(1);
  });

  it('does not keep a read that was in flight when it was invalidated (it may predate the change)', async () => {
    let reads = 0;
    const cache = createTtlCache(60_000, async (_: null) => {
      reads++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return reads;
    });
    const early = cache.all(null);
    cache.invalidate();
    await early;
    expect(await cache.all(null)).toBe(2);
    expect(reads).toBe(2);
  });

  it('reads again once the copy has expired, and a failed read is not cached', async () => {
    let reads = 0;
    const cache = createTtlCache(0, async (_: null) => {
      reads++;
      if (reads === 2) throw new Error('database away');
      return reads;
    });
    expect(await cache.all(null)).toBe(1);
    await expect(cache.all(null)).rejects.toThrow('database away');
    expect(await cache.all(null)).toBe(3);
  });
});
