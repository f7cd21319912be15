// `npm run start:api`: the API role alone, for production (DATABASE_URL and REDIS_URL required).
import { EnvError, parseEnv, publicUrlOf } from './config/env.ts';
import { createLogger } from './shared/logger.ts';
import { createContainer } from './container.ts';
import { bootstrapAdminKey, startApiRole } from './runtime/api-role.ts';
import { exitOnStartupError } from './runtime/fatal.ts';
import { shutdownGracefully } from './runtime/graceful.ts';
import { loadProcessClassifier } from './runtime/classifier.ts';

try {
  const env = parseEnv();
  if (!env.DATABASE_URL) throw new EnvError('DATABASE_URL: required for start:api (npm start runs an embedded Postgres instead)');
  if (!env.REDIS_URL) throw new EnvError('REDIS_URL: required for start:api (npm start runs redis-server instead)');
  const logger = createLogger(env.LOG_LEVEL);
  const container = createContainer({
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    queuePrefix: env.QUEUE_PREFIX,
    publicUrl: publicUrlOf(env),
    ...(env.SURVEY_SIGNING_KEY ? { surveySigningKey: env.SURVEY_SIGNING_KEY } : {}),
    logger,
    classifier: loadProcessClassifier(logger, env.CLASSIFIER_REVIEW_THRESHOLD),
  });
  await bootstrapAdminKey(container, env);
  const app = await startApiRole(container, env);
  // Ctrl-C: stop taking requests, let in-flight requests and jobs finish, then stop what we started.
  shutdownGracefully(logger, 20_000, async () => {
    await app.close();
    await container.close();
  });
} catch (error) {
  exitOnStartupError(error);
}
