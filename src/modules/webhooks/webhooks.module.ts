import type { Logger } from 'pino';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { routes, type FeatureModule } from '../module.ts';
import { allowListOf } from './address-policy.ts';
import { createDeliveryRepository } from './deliveries.repository.ts';
import { createDeliveryRunner } from './delivery-runner.ts';
import { createDeliverySweeper } from './delivery-sweeper.ts';
import { resolverOf, systemLookupAll, type LookupAll } from './guarded-lookup.ts';
import { createHttpSender, type SenderLimits } from './http-sender.ts';
import { createSecretBox } from './secret-box.ts';
import { createDeliveryScheduler, webhooksQueue } from './webhooks.queue.ts';
import { webhookRoutes } from './webhooks.routes.ts';
import { webhookDocumentation } from './webhooks.openapi.ts';
import { createWebhookService } from './webhooks.service.ts';
import { webhooksSubscriber } from './webhooks.subscriber.ts';

/** How often the sweeper re-enqueues due deliveries a job should have sent (and how late they must be). */
export const WEBHOOK_SWEEP_EVERY_MS = 5_000;
const PURGE_EVERY_MS = 60 * 60 * 1000;
const REGISTRATION_DNS_TIMEOUT_MS = 3_000;

export interface WebhookOptions {
  /** WEBHOOK_ALLOWED_HOSTS */
  allowedHosts?: readonly string[];
  /** WEBHOOK_SECRET_KEY; generated and kept in Postgres when absent. */
  secretKeys?: readonly string[];
  /** DNS for registration and connections (tests play DNS rebinding with it). */
  lookupAll?: LookupAll;
  limits?: Partial<SenderLimits>;
}

/**
 * Signed webhooks from the event outbox: endpoints and their log (routes), a relay subscriber that
 * turns committed events into delivery rows, and the worker's queue that sends them (with the
 * sweeper under it). Request handlers never send.
 */
export function webhooksModule(deps: {
  db: Database;
  clock: Clock;
  logger: Logger;
  redisUrl: string;
  prefix: string;
  options?: WebhookOptions | undefined;
  /** Delivery outcomes and lag (metrics). */
  observe?: { webhookAttempt(outcome: string, lagSeconds: number): void };
}) {
  const { db, clock, logger } = deps;
  const options = deps.options ?? {};
  const allow = allowListOf(options.allowedHosts ?? []);
  const lookupAll = options.lookupAll ?? systemLookupAll;
  const secrets = createSecretBox(db, options.secretKeys);
  const scheduler = createDeliveryScheduler({ redisUrl: deps.redisUrl, prefix: deps.prefix, clock, logger });
  const service = createWebhookService({ db, clock, secrets, scheduler, allow, resolve: resolverOf(lookupAll, REGISTRATION_DNS_TIMEOUT_MS) });

  /** The sender and runner; tests build their own with another clock, DNS or limits. */
  const runner = (overrides: { clock?: Clock; lookupAll?: LookupAll; limits?: Partial<SenderLimits>; random?: () => number } = {}) =>
    createDeliveryRunner({
      db,
      clock: overrides.clock ?? clock,
      secrets,
      send: createHttpSender({ allow, lookupAll: overrides.lookupAll ?? lookupAll, limits: { ...options.limits, ...overrides.limits } }),
      logger,
      observe: deps.observe,
      ...(overrides.random ? { random: overrides.random } : {}),
    });
  const sweeper = (overrides: { clock?: Clock } = {}) =>
    createDeliverySweeper({ deliveries: createDeliveryRepository(db), scheduler, clock: overrides.clock ?? clock, logger, graceMs: WEBHOOK_SWEEP_EVERY_MS });

  const module: FeatureModule = {
    name: 'webhooks',
    routes: [routes(webhookRoutes, { webhooks: service, clock })],
    queues: [webhooksQueue({ runner: runner(), scheduler, sweeper: sweeper(), sweepEveryMs: WEBHOOK_SWEEP_EVERY_MS, purgeEveryMs: PURGE_EVERY_MS })],
    subscribers: [webhooksSubscriber({ scheduler })],
    openapiWebhooks: webhookDocumentation(),
    close: () => scheduler.close().catch(() => undefined),
  };
  return { service, runner, sweeper, scheduler, module };
}

export type WebhooksModule = ReturnType<typeof webhooksModule>;
