import type { Logger } from 'pino';
import { EnvError, publicUrlOf, type Env } from '../config/env.ts';
import { createContainer } from '../container.ts';
import { loadProcessClassifier } from './classifier.ts';

/** The production roles run against given services only: they never start databases of their own. */
export function requireExternalServices(env: Env, role: 'start:api' | 'start:worker'): { databaseUrl: string; redisUrl: string } {
  if (!env.DATABASE_URL) throw new EnvError(`DATABASE_URL: required for ${role} (npm start runs an embedded Postgres instead)`);
  if (!env.REDIS_URL) throw new EnvError(`REDIS_URL: required for ${role} (npm start runs redis-server instead)`);
  return { databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL };
}

/** One process's container from the environment: the same wiring for every entry point. */
export function containerFromEnv(
  env: Env,
  services: { databaseUrl: string; redisUrl: string },
  logger: Logger,
  options: { classify: boolean; databasePoolSize?: number },
) {
  return createContainer({
    ...services,
    queuePrefix: env.QUEUE_PREFIX,
    publicUrl: publicUrlOf(env),
    ...(env.SURVEY_SIGNING_KEY ? { surveySigningKey: env.SURVEY_SIGNING_KEY } : {}),
    webhooks: { allowedHosts: env.WEBHOOK_ALLOWED_HOSTS, ...(env.WEBHOOK_SECRET_KEY ? { secretKeys: env.WEBHOOK_SECRET_KEY } : {}) },
    logger,
    ...(env.RETENTION_CLOSED_DAYS ? { retention: { closedDays: env.RETENTION_CLOSED_DAYS } } : {}),
    ...(options.classify ? { classifier: loadProcessClassifier(logger, env.CLASSIFIER_REVIEW_THRESHOLD) } : {}),
    ...(options.databasePoolSize || env.DATABASE_POOL_SIZE
      ? { databasePoolSize: Math.min(options.databasePoolSize ?? Infinity, env.DATABASE_POOL_SIZE ?? Infinity) }
      : {}),
  });
}
