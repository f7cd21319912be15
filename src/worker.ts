// `npm run start:worker`: the worker role alone, for production (DATABASE_URL and REDIS_URL required).
import { parseEnv } from './config/env.ts';
import { createLogger } from './shared/logger.ts';
import { startWorkerRole } from './runtime/worker-role.ts';
import { exitOnStartupError } from './runtime/fatal.ts';
import { shutdownGracefully } from './runtime/graceful.ts';
import { containerFromEnv, requireExternalServices } from './runtime/process-container.ts';
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
  logger.info('worker started');
  // Under `npm start` (src/runtime/worker-child.ts) the API process waits for this word.
  if (process.send) process.send(WORKER_READY, () => process.disconnect?.());
  // SIGTERM: let running jobs finish (BullMQ), then close connections.
  shutdownGracefully(logger, 30_000, async () => {
    await worker.close();
    await container.close();
  });
} catch (error) {
  exitOnStartupError(error);
}
