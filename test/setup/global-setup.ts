import type { TestProject } from 'vitest/node';
import { pino } from 'pino';
import { startEmbeddedPostgres } from '../../src/infra/embedded-postgres.ts';
import { startRedisServer } from '../../src/infra/redis-server.ts';
import { runMigrations } from '../../src/db/migrate.ts';
import { makeRunDir } from '../../src/infra/run-dir.ts';
import { ensureBrowserPackages } from './browser-packages.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the migrated template database; test files clone it. */
    templateDatabaseUrl: string;
    redisUrl: string;
  }
}

export const TEMPLATE_DATABASE = 'ticketing_template';

/**
 * Starts what the tests need, once per run: a real Postgres (with a migrated template database
 * that test files clone) and a real Redis, in a temporary folder, plus Debian's Chromium for the
 * browser tests. The servers are supervised children: the teardown stops them, and the kernel
 * stops them if the run itself is killed (see src/infra/supervised-child.ts).
 */
export default async function setup(project: TestProject) {
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'warn' });
  const installed = ensureBrowserPackages();
  if (installed.length) logger.warn({ installed }, 'installed Debian packages for the browser tests');

  const runDir = makeRunDir('ticketing-test-');
  const dataDir = runDir.path;
  const started = await Promise.allSettled([
    startEmbeddedPostgres({ dataDir, database: TEMPLATE_DATABASE, logger }),
    startRedisServer({ dataDir, logger }),
  ]);
  const stop = async () => {
    await Promise.allSettled(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
    runDir.remove();
  };
  const [postgres, redis] = started;
  if (postgres.status === 'rejected' || redis.status === 'rejected') {
    await stop();
    throw (postgres.status === 'rejected' ? postgres.reason : (redis as PromiseRejectedResult).reason) as Error;
  }
  try {
    await runMigrations(postgres.value.url);
  } catch (error) {
    await stop();
    throw error;
  }
  project.provide('templateDatabaseUrl', postgres.value.url);
  project.provide('redisUrl', redis.value.url);
  return stop;
}
