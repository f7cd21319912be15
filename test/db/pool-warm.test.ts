import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/client.ts';
import { createHarness, type Harness } from '../support/harness.ts';

/**
 * A burst (the SLA storm's first second) must not wait for connections: the worker opens its
 * pool's connections before its first job, and the pool keeps them (min = max).
 */
describe('a warmed pool', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('opens every connection at once and keeps them open', async () => {
    const handle = createDatabase(h.databaseUrl, { max: 3 });
    try {
      expect(handle.pool.totalCount).toBe(0);
      await handle.warm();
      expect(handle.pool.totalCount).toBe(3);
      expect(handle.pool.idleCount).toBe(3);
      expect((handle.pool as unknown as { options: { min: number } }).options.min).toBe(3);
    } finally {
      await handle.close();
    }
  });

  it('never throws when Postgres is not there (the pool connects later, as always)', async () => {
    const url = new URL(h.databaseUrl);
    url.port = '1';
    const handle = createDatabase(url.toString(), { max: 2 });
    try {
      await expect(handle.warm()).resolves.toBeUndefined();
      expect(handle.pool.totalCount).toBe(0);
    } finally {
      await handle.close();
    }
  });
});
