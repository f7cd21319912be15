// `npm run start:api`: the API role alone, for production (DATABASE_URL and REDIS_URL required).
import { parseEnv } from './config/env.ts';
import { createLogger } from './shared/logger.ts';
import { bootstrapAdminKey, startApiRole } from './runtime/api-role.ts';
import { exitOnStartupError } from './runtime/fatal.ts';
import { shutdownGracefully } from './runtime/graceful.ts';
import { containerFromEnv, requireExternalServices } from './runtime/process-container.ts';

try {
  const env = parseEnv();
  const services = requireExternalServices(env, 'start:api');
  const logger = createLogger(env.LOG_LEVEL);
  const container = containerFromEnv(env, services, logger, { classify: true });
  await bootstrapAdminKey(container, env);
  const app = await startApiRole(container, env);
  // SIGTERM: stop taking requests, let in-flight ones finish, then close connections.
  shutdownGracefully(logger, 20_000, async () => {
    await app.close();
    await container.close();
  });
} catch (error) {
  exitOnStartupError(error);
}
