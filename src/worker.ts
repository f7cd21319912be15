// `npm run start:worker`: the worker role alone, for production (DATABASE_URL and REDIS_URL required).
import { parseEnv } from './config/env.ts';
import { createLogger } from './shared/logger.ts';
import { startWorkerRole } from './runtime/worker-role.ts';
import { exitOnStartupError } from './runtime/fatal.ts';
import { shutdownGracefully } from './runtime/graceful.ts';
import { containerFromEnv, requireExternalServices } from './runtime/process-container.ts';
import { startMetricsServer } from './modules/metrics/metrics-server.ts';
import { WORKER_READY } from './runtime/worker-child.ts';

try {
  const env = parseEnv();
  const services = requireExternalServices(env, 'start:worker');
  const logger = createLogger(env.LOG_LEVEL);
  // The worker classifies nothing; a smaller pool leaves connections to the API.
  const container = containerFromEnv(env, services, logger, { classify: false, databasePoolSize: 10 });
  // Every connection open before the first job: a timer storm must not wait for them.
  await container.db.warm();
  const worker = await startWorkerRole(container, services.redisUrl);
  // Its job, SLA and webhook figures live in this process: it answers its own scrape.
  const metricsServer = env.METRICS_PORT
    ? await startMetricsServer({ scrape: container.metrics.scrape, keys: container.credentials.apiKeys, port: env.METRICS_PORT, host: env.HOST, logger })
    : null;
  logger.info({ metricsPort: env.METRICS_PORT || null }, 'worker started');
  // Under `npm start` (src/runtime/worker-child.ts) the API process waits for this word.
  if (process.send) process.send(WORKER_READY, () => process.disconnect?.());
  // SIGTERM: take no more jobs, let running ones and the relay's batch finish, then close
  // connections; within SHUTDOWN_TIMEOUT_MS (a second left for the connections).
  shutdownGracefully(logger, env.SHUTDOWN_TIMEOUT_MS, async (budget) => {
    metricsServer?.close();
    await worker.close(Math.max(0, budget.remainingMs() - 1_000));
    await container.close();
  });
} catch (error) {
  exitOnStartupError(error);
}
