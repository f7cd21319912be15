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
  // SIGTERM: stop taking connections, end event streams (clients reconnect elsewhere), let
  // in-flight requests finish, then close connections; within SHUTDOWN_TIMEOUT_MS.
  shutdownGracefully(logger, env.SHUTDOWN_TIMEOUT_MS, async () => {
    await app.close();
    await container.close();
  });
} catch (error) {
  exitOnStartupError(error);
}
