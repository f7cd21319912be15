import { pino } from 'pino';
import { buildApp } from '../app.ts';
import { createContainer } from '../container.ts';
import { loadClassifier } from '../modules/classification/classifier.ts';

/**
 * The OpenAPI document as the routes describe it. Building the app connects to nothing (the pool
 * and Redis connect lazily), so this runs anywhere: the `openapi` script and the drift test.
 */
export async function generateOpenApiDocument(): Promise<string> {
  const container = createContainer({
    databaseUrl: 'postgres://unused@127.0.0.1:1/unused',
    redisUrl: 'redis://127.0.0.1:1',
    queuePrefix: 'openapi',
    logger: pino({ level: 'silent' }),
    classifier: loadClassifier(),
  });
  const app = await buildApp({ container });
  await app.ready();
  const document = `${JSON.stringify(app.swagger(), null, 2)}\n`;
  await app.close();
  await container.close();
  return document;
}
