// `npm start`: the whole service (API, worker, helpdesk) on the embedded default: the API and the
// helpdesk in this process, the worker role in a child process of its own (src/worker.ts).
import { parseEnv, publicUrlOf } from './config/env.ts';
import { createLogger } from './shared/logger.ts';
import { provideInfrastructure } from './runtime/infrastructure.ts';
import { runMigrations } from './db/migrate.ts';
import { startWorkerChild } from './runtime/worker-child.ts';
import { freePort } from './infra/free-port.ts';
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
  // The worker's own figures (jobs, SLA timer lateness, webhook deliveries) are on its own port:
  // METRICS_PORT when set (a fixed scrape target), else a free one, printed below.
  const workerMetricsPort = env.METRICS_PORT || (await freePort());
  const worker = await startWorkerChild({ databaseUrl: infra.databaseUrl, redisUrl: infra.redisUrl, logger, env: {
      METRICS_PORT: String(workerMetricsPort),
      // It finishes its own shutdown within ours, leaving us time to stop Postgres and Redis.
      SHUTDOWN_TIMEOUT_MS: String(Math.max(1_000, env.SHUTDOWN_TIMEOUT_MS - 4_000)),
    },
  });
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;

  const base = publicUrlOf({ ...env, PORT: (app.server.address() as { port: number }).port });
  process.stdout.write(
    [
      '',
      `  API        ${base}/v1`,
      `  Docs       ${base}/docs`,
      `  Helpdesk   ${base}/desk`,
      `  Queues     ${base}/admin/queues (helpdesk admins)`,
      `  Metrics    ${base}/metrics and the worker's http://${host}:${workerMetricsPort}/metrics (a key with metrics:read)`,
      `  Ready?     ${base}/readyz`,
      `  Postgres   ${infra.embedded.postgres ? `embedded, data in ${env.DATA_DIR}/postgres` : 'DATABASE_URL'}`,
      `  Redis      ${infra.embedded.redis ? `redis-server, data in ${env.DATA_DIR}/redis` : 'REDIS_URL'}`,
      '',
      '',
    ].join('\n'),
  );

  // Ctrl-C: stop taking requests, let in-flight requests and jobs finish, then stop what we started.
  shutdownGracefully(logger, env.SHUTDOWN_TIMEOUT_MS, async (budget) => {
    await app.close();
    await worker.close(Math.max(0, budget.remainingMs() - 3_000));
    await container.close();
    await infra.stop();
  });
} catch (error) {
  exitOnStartupError(error);
}
