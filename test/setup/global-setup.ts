import { mkdtemp, rm, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { pino } from 'pino';
import { startEmbeddedPostgres } from '../../src/infra/embedded-postgres.ts';
import { startRedisServer } from '../../src/infra/redis-server.ts';
import { runMigrations } from '../../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the migrated template database; test files clone it. */
    templateDatabaseUrl: string;
    redisUrl: string;
  }
}

export const TEMPLATE_DATABASE = 'ticketing_template';

export default async function setup(project: TestProject) {
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'warn' });
  const dataDir = await mkdtemp(join(tmpdir(), 'ticketing-test-'));
  await chmod(dataDir, 0o755);
  const [postgres, redis] = await Promise.all([
    startEmbeddedPostgres({ dataDir, database: TEMPLATE_DATABASE, logger }),
    startRedisServer({ dataDir, logger }),
  ]);
  await runMigrations(postgres.url);
  project.provide('templateDatabaseUrl', postgres.url);
  project.provide('redisUrl', redis.url);

  return async () => {
    await Promise.allSettled([postgres.stop(), redis.stop()]);
    await rm(dataDir, { recursive: true, force: true });
  };
}
