import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import type { Container } from '../container.ts';
import type { Env } from '../config/env.ts';

export async function startApiRole(container: Container, env: Env): Promise<FastifyInstance> {
  const app = await buildApp({ container, logger: container.logger, rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE });
  await app.listen({ port: env.PORT, host: env.HOST });
  return app;
}

/** Prints the bootstrap admin key the one time it is generated (it is stored only as a hash). */
export async function bootstrapAdminKey(container: Container, env: Env): Promise<void> {
  const { generated } = await container.services.apiKeys.bootstrap(env.ADMIN_API_KEY);
  if (generated) {
    process.stdout.write(
      `\nAdmin API key (shown once, store it now; set ADMIN_API_KEY to choose your own):\n  ${generated}\n\n`,
    );
  }
}
