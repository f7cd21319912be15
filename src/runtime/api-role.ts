import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import type { Container } from '../container.ts';
import type { Env } from '../config/env.ts';
import { drainConnectionsOnClose } from './http-drain.ts';

export async function startApiRole(container: Container, env: Env): Promise<FastifyInstance> {
  const app = await buildApp({
    container,
    logger: container.logger,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    trustProxy: env.TRUST_PROXY,
  });
  drainConnectionsOnClose(app);
  await app.listen({ port: env.PORT, host: env.HOST });
  return app;
}

/**
 * Applies ADMIN_API_KEY (see ApiKeyService.bootstrap), says what it revoked or refused, and prints
 * the bootstrap admin key the one time it is generated (it is stored only as a hash).
 */
export async function bootstrapAdminKey(container: Container, env: Env): Promise<void> {
  const { generated, envKeyRevoked, revokedEnvKeys } = await container.credentials.apiKeys.bootstrap(env.ADMIN_API_KEY);
  if (revokedEnvKeys > 0) container.logger.info({ revokedEnvKeys }, 'revoked earlier ADMIN_API_KEY values that are no longer in the environment');
  if (envKeyRevoked) container.logger.warn('ADMIN_API_KEY was revoked and stays revoked; set ADMIN_API_KEY to a new value to use an environment admin key');
  if (generated) {
    process.stdout.write(
      `\nAdmin API key (shown once, store it now; set ADMIN_API_KEY to choose your own):\n  ${generated}\n\n`,
    );
  }
  const firstAgent = await container.agents.ensureFirstAdmin(env.DESK_ADMIN_EMAIL);
  if (firstAgent) {
    process.stdout.write(
      `Helpdesk sign-in (shown once; change the password in the helpdesk or with PATCH /v1/agents/{id}):\n  ${firstAgent.email}\n  ${firstAgent.password}\n\n`,
    );
  }
}
