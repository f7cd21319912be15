// `npm run start:worker`: the worker role alone, for production (DATABASE_URL and REDIS_URL required).
import { EnvError, parseEnv, publicUrlOf } from './config/env.ts';
import { createLogger } from './shared/logger.ts';
import { createContainer } from './container.ts';
import { startWorkerRole } from './runtime/worker-role.ts';
import { exitOnStartupError } from './runtime/fatal.ts';
import { shutdownGracefully } from './runtime/graceful.ts';

try {
  const env = parseEnv();
  if (!env.DATABASE_URL) throw new EnvError('DATABASE_URL: required for start:worker (npm start runs an embedded Postgres instead)');
  if (!env.REDIS_URL) throw new EnvError('REDIS_URL: required for start:worker (npm start runs redis-server instead)');
  const logger = createLogger(env.LOG_LEVEL);
  const container = createContainer({
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    queuePrefix: env.QUEUE_PREFIX,
    publicUrl: publicUrlOf(env),
    ...(env.SURVEY_SIGNING_KEY ? { surveySigningKey: env.SURVEY_SIGNING_KEY } : {}),
    logger,
    databasePoolSize: 10,
  });
  const worker = await startWorkerRole(container, env.REDIS_URL);
  logger.info('worker started');
  // Ctrl-C: stop taking requests, let in-flight requests and jobs finish, then stop what we started.
  shutdownGracefully(logger, 30_000, async () => {
    await worker.close();
    await container.close();
  });
} catch (error) {
  exitOnStartupError(error);
}
