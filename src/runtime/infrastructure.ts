import type { Logger } from 'pino';
import type { Env } from '../config/env.ts';
import { startEmbeddedPostgres } from '../infra/embedded-postgres.ts';
import { startRedisServer } from '../infra/redis-server.ts';

export interface Infrastructure {
  databaseUrl: string;
  redisUrl: string;
  embedded: { postgres: boolean; redis: boolean };
  stop(): Promise<void>;
}

/**
 * The embedded default: what the environment does not point at, we run ourselves (a real
 * Postgres from `embedded-postgres`, a real `redis-server`), with data in DATA_DIR. With
 * DATABASE_URL and REDIS_URL set, nothing is started.
 */
export async function provideInfrastructure(env: Env, logger: Logger): Promise<Infrastructure> {
  const stops: (() => Promise<void>)[] = [];
  try {
    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({ dataDir: env.DATA_DIR, database: 'ticketing', logger });
      stops.push(pg.stop);
      databaseUrl = pg.url;
    }
    let redisUrl = env.REDIS_URL;
    if (!redisUrl) {
      const redis = await startRedisServer({ dataDir: env.DATA_DIR, logger });
      stops.push(redis.stop);
      redisUrl = redis.url;
    }
    return {
      databaseUrl,
      redisUrl,
      embedded: { postgres: !env.DATABASE_URL, redis: !env.REDIS_URL },
      stop: async () => {
        for (const stop of stops.reverse()) await stop();
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw error;
  }
}
