// `npm start`: the whole service (API, worker, helpdesk) on the embedded default: the API and the
// helpdesk in this process, the worker role in a child process of its own (src/worker.ts).
import { parseEnv, publicUrlOf } from './config/env.ts';
import { createLogger } from './shared/logger.ts';
import { provideInfrastructure } from './runtime/infrastructure.ts';
import { runMigrations } from './db/migrate.ts';
import { startWorkerChild } from './runtime/worker-child.ts';
import { exitOnStartupError } from './runtime/fatal.ts';
import { shutdownGracefully } from './runtime/graceful.ts';

try {
  const env = parseEnv();
  const logger = createLogger(env.LOG_LEVEL);
  // The API's code (every feature module: a good part of the start) loads while Postgres and
  // Redis start. The worker process starts once the API listens: loading the same code at the
  // same time, it took the API's CPU on a busy 2-core machine and delayed /readyz.
  const apiCode = Promise.all([import('./runtime/api-role.ts'), import('./runtime/process-container.ts')]);
  apiCode.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  const infra = await provideInfrastructure(env, logger);
  await runMigrations(infra.databaseUrl);
  const [{ bootstrapAdminKey, startApiRole }, { containerFromEnv }] = await apiCode;
  const container = containerFromEnv(env, infra, logger, { classify: true });
  await bootstrapAdminKey(container, env);
  const app = await startApiRole(container, env);
  const worker = await startWorkerChild({ databaseUrl: infra.databaseUrl, redisUrl: infra.redisUrl, logger });

  const base = publicUrlOf({ ...env, PORT: (app.server.address() as { port: number }).port });
  process.stdout.write(
    [
      '',
      `  API        ${base}/v1`,
      `  Docs       ${base}/docs`,
      `  Helpdesk   ${base}/desk`,
      `  Ready?     ${base}/readyz`,
      `  Postgres   ${infra.embedded.postgres ? `embedded, data in ${env.DATA_DIR}/postgres` : 'DATABASE_URL'}`,
      `  Redis      ${infra.embedded.redis ? `redis-server, data in ${env.DATA_DIR}/redis` : 'REDIS_URL'}`,
      '',
      '',
    ].join('\n'),
  );

  // Ctrl-C: stop taking requests, let in-flight requests and jobs finish, then stop what we started.
  shutdownGracefully(logger, 20_000, async () => {
    await app.close();
    await worker.close();
    await container.close();
    await infra.stop();
  });
} catch (error) {
  exitOnStartupError(error);
}
