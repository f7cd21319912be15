// `npm start`: the whole service in one process (API, worker, helpdesk) on the embedded default.
import { parseEnv, publicUrlOf } from './config/env.ts';
import { createLogger } from './shared/logger.ts';
import { provideInfrastructure } from './runtime/infrastructure.ts';
import { runMigrations } from './db/migrate.ts';
import { bootstrapAdminKey, startApiRole } from './runtime/api-role.ts';
import { startWorkerRole } from './runtime/worker-role.ts';
import { exitOnStartupError } from './runtime/fatal.ts';
import { shutdownGracefully } from './runtime/graceful.ts';
import { containerFromEnv } from './runtime/process-container.ts';

try {
  const env = parseEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const infra = await provideInfrastructure(env, logger);
  await runMigrations(infra.databaseUrl);
  const container = containerFromEnv(env, infra, logger, { classify: true });
  await bootstrapAdminKey(container, env);
  const worker = await startWorkerRole(container, infra.redisUrl);
  const app = await startApiRole(container, env);

  const base = publicUrlOf({ ...env, PORT: (app.server.address() as { port: number }).port });
  process.stdout.write(
    [
      '',
      `  API        ${base}/v1`,
      `  Docs       ${base}/docs`,
      `  Helpdesk   ${base}/desk`,
      `  Queues     ${base}/admin/queues (helpdesk admins)`,
      `  Metrics    ${base}/metrics (a key with metrics:read)`,
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
