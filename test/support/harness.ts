import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { pino } from 'pino';
import supertest from 'supertest';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../src/app.ts';
import { createContainer, type Container, type ContainerOptions } from '../../src/container.ts';
import { cloneTemplateDatabase } from './database.ts';
import { startWorkerRole } from '../../src/runtime/worker-role.ts';
import { loadClassifier } from '../../src/modules/classification/classifier.ts';

/** One model per test worker: loading takes milliseconds, but there is no need to repeat it. */
let classifier: ReturnType<typeof loadClassifier> | undefined;

export interface Harness {
  app: FastifyInstance;
  container: Container;
  /** supertest bound to the app's server */
  http: ReturnType<typeof supertest>;
  adminKey: string;
  auth: { authorization: string };
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  /** Delivers committed events to the subscribers (CSAT…) now, as the worker's relay would. */
  drainEvents(): Promise<number>;
  close(): Promise<void>;
}

/** One app on its own database and queue prefix, for one test file; `app` sets options of the HTTP app (trustProxy …). */
export async function createHarness(
  overrides: Partial<ContainerOptions> & { worker?: boolean; app?: Omit<AppOptions, 'container'> } = {},
): Promise<Harness> {
  const { worker: withWorker, app: appOptions, ...containerOverrides } = overrides;
  const databaseUrl = await cloneTemplateDatabase(inject('templateDatabaseUrl'));
  const redisUrl = overrides.redisUrl ?? inject('redisUrl');
  const queuePrefix = `test${randomBytes(4).toString('hex')}`;
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  classifier ??= loadClassifier();
  const container = createContainer({ databaseUrl, redisUrl, queuePrefix, logger, databasePoolSize: 5, classifier, ...containerOverrides });
  const adminKey = `tk_test_admin_${randomBytes(24).toString('hex')}`;
  await container.credentials.apiKeys.bootstrap(adminKey);
  const app = await buildApp({ ...appOptions, container });
  await app.ready();
  // Subscribers start with what comes after their cursor: before the first event of the file.
  await container.relay.ensureCursors();
  const worker = withWorker ? await startWorkerRole(container, containerOverrides.redisUrl ?? redisUrl) : null;
  await worker?.recovered;
  return {
    app,
    container,
    http: supertest(app.server),
    adminKey,
    auth: { authorization: `Bearer ${adminKey}` },
    databaseUrl,
    redisUrl,
    queuePrefix,
    drainEvents: () => container.relay.drain(),
    async close() {
      await worker?.close();
      await app.close();
      await container.close();
    },
  };
}
