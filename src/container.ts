import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createDatabase, DEFAULT_POOL_SIZE, type DatabaseHandle } from './db/client.ts';
import { systemClock, type Clock } from './shared/clock.ts';
import type { ReadinessCheck } from './http/health.routes.ts';
import type { FeatureModule } from './modules/module.ts';
import type { Classifier } from './modules/classification/classifier.ts';
import { createEventRelay } from './modules/events/events.relay.ts';
import { createCredentials } from './modules/auth/credentials.ts';
import { authModule } from './modules/auth/auth.module.ts';
import { teamsModule } from './modules/teams/teams.module.ts';
import { agentsModule } from './modules/agents/agents.module.ts';
import { slaModule } from './modules/sla/sla.module.ts';
import { calendarsModule } from './modules/calendars/calendars.module.ts';
import { ticketsModule } from './modules/tickets/tickets.module.ts';
import { customersModule } from './modules/customers/customers.module.ts';
import { inquiriesModule } from './modules/inquiries/inquiries.module.ts';
import { classificationModule } from './modules/classification/classification.module.ts';
import { csatModule } from './modules/csat/csat.module.ts';
import { reportsModule } from './modules/reports/reports.module.ts';
import { maintenanceModule } from './modules/maintenance/maintenance.module.ts';
import { deskModule } from './desk/desk.module.ts';
import { eventsModule } from './modules/events/events.module.ts';
import { webhooksModule, type WebhookOptions } from './modules/webhooks/webhooks.module.ts';
import { topicsModule } from './modules/topics/topics.module.ts';
import { alertsModule } from './modules/alerts/alerts.module.ts';
import { routingModule } from './modules/routing/routing.module.ts';
import { macrosModule } from './modules/macros/macros.module.ts';
import { suggestionsModule } from './modules/suggestions/suggestions.module.ts';
import { outcomesModule } from './modules/outcomes/outcomes.module.ts';
import { privacyModule } from './modules/privacy/privacy.module.ts';
import type { RetentionPolicy } from './modules/privacy/retention.ts';
import { auditModule } from './modules/audit/audit.module.ts';
import { metricsModule } from './modules/metrics/metrics.module.ts';
import { queuesModule } from './modules/queues/queues.module.ts';
import { createQueueHandles } from './shared/queue-handles.ts';

export interface ContainerOptions {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  logger: Logger;
  clock?: Clock;
  /** Absent in processes that never classify (the worker). */
  classifier?: Classifier;
  /** Where customers and agents reach the service (survey links, secure cookies). */
  publicUrl?: string;
  /** Signs survey links; generated and kept in Postgres when not given. */
  surveySigningKey?: string;
  /** Pool size: the API wants more connections than the worker. */
  databasePoolSize?: number;
  /** WEBHOOK_ALLOWED_HOSTS, WEBHOOK_SECRET_KEY (tests also give DNS and limits). */
  webhooks?: WebhookOptions;
  /** RETENTION_CLOSED_DAYS: closed tickets older than this are anonymised by the worker; none when absent. */
  retention?: RetentionPolicy;
}

/**
 * The wiring of one process: infrastructure (Postgres, Redis, clock, logger), then the feature
 * modules in dependency order. The HTTP app registers the modules' routes; the worker role their
 * queues and event subscribers. A new feature is one more line in `modules`.
 */
export function createContainer(options: ContainerOptions) {
  const clock = options.clock ?? systemClock;
  const { logger, redisUrl, queuePrefix: prefix } = options;
  const db: DatabaseHandle = createDatabase(options.databaseUrl, { max: options.databasePoolSize ?? DEFAULT_POOL_SIZE, logger });
  // Commands fail fast while Redis is away (the API must not hang); BullMQ workers make their own.
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true, enableOfflineQueue: true });
  redis.on('error', (error) => logger.warn({ err: error.message }, 'redis connection error'));
  const publicUrl = options.publicUrl ?? 'http://127.0.0.1:3000';
  const base = { db: db.db, clock };
  const metrics = metricsModule({ ...base, pool: db.pool, logger });
  // Every classification of a ticket counts, by type and language (POST /v1/classify, a preview, does not).
  const classify = options.classifier
    ? (text: string) => {
        const result = options.classifier!.classify(text);
        metrics.observers.classified(result);
        return result;
      }
    : undefined;

  const audit = auditModule({ ...base, logger });
  const credentials = createCredentials({ ...base, audit: audit.recorder });
  const teams = teamsModule(base);
  const agents = agentsModule({ ...base, teams: teams.repository, credentials });
  const sla = slaModule({ ...base, redis, redisUrl, prefix, logger, observe: metrics.observers });
  const routing = routingModule({ ...base, classify });
  const tickets = ticketsModule({ ...base, logger, redisUrl, prefix, classify, sla, routing: routing.engine });
  const topics = topicsModule(base);
  const alerts = alertsModule({ ...base, logger });
  const outcomes = outcomesModule(base);
  const csat = csatModule({ ...base, logger, outcomes: outcomes.service, redisUrl, prefix, tickets: tickets.service, timers: sla.timers, publicUrl, surveySigningKey: options.surveySigningKey });
  const webhooks = webhooksModule({ ...base, logger, redisUrl, prefix, options: options.webhooks, observe: metrics.observers });

  const modules: FeatureModule[] = [
    inquiriesModule({ clock, db: db.db, pool: db.pool, tickets: tickets.service, classify, sla: sla.engine, routing: routing.engine }),
    tickets.module,
    macrosModule({ ...base, tickets: tickets.service }).module,
    suggestionsModule({ ...base, tickets: tickets.service }).module,
    customersModule({ ...base, tickets: tickets.service }),
    privacyModule({ ...base, pool: db.pool, retention: options.retention }),
    agents.module,
    teams.module,
    authModule({ credentials, agents: agents.service, publishedOverHttps: publicUrl.startsWith('https:') }),
    classificationModule({ ...base, classifier: options.classifier }),
    sla.module,
    routing.module,
    calendarsModule({ ...base, usage: sla.calendarUsage }),
    csat.module,
    outcomes.module,
    reportsModule(base),
    topics.module,
    alerts.module,
    maintenanceModule(base),
    deskModule(),
    eventsModule({ db: db.db, redis, redisUrl, prefix, logger }),
    webhooks.module,
    audit.module,
    metrics.module,
  ];
  // Read-side handles on every module's queue: metrics' depths and the operators' queue view.
  const queueHandles = createQueueHandles({ redisUrl, prefix, names: () => modules.flatMap((m) => m.queues ?? []).map((q) => q.name) });
  metrics.bind(queueHandles);
  modules.push(queuesModule({ queues: queueHandles }));

  const readiness: ReadinessCheck[] = [
    { name: 'postgres', check: async () => void (await db.pool.query('SELECT 1')) },
    {
      name: 'redis',
      check: async () => {
        if (redis.status === 'wait') await redis.connect();
        await redis.ping();
      },
    },
  ];

  return {
    clock,
    db,
    redis,
    redisUrl,
    queuePrefix: prefix,
    logger,
    readiness,
    credentials,
    /** The audit log's writer: the HTTP hook, and `audit.record(tx, entry)` for a feature's own records. */
    audit: audit.recorder,
    /** This process's Prometheus figures: the API serves them at /metrics, the worker on METRICS_PORT; queues report job timings into them. */
    metrics: { scrape: metrics.scrape, observers: metrics.observers },
    /** The first start creates the first helpdesk admin (runtime/api-role.ts). */
    agents: agents.service,
    modules,
    /** Committed events to the modules' subscribers (the worker runs it; tests drain it). */
    relay: createEventRelay({ db: db.db, subscribers: modules.flatMap((m) => m.subscribers ?? []), logger, clock }),
    /** Reached into by tests and the worker's timers; features use their own dependencies. */
    sla,
    csat: csat.service,
    webhooks,
    /** Tests index history loaded straight into the database (topics.backfill). */
    topics: topics.indexer,
    /** Tests drive crisis detection with their own clock (alerts.run(at)). */
    crisis: alerts.detector,
    async close() {
      // Producer queues wait for Redis to close politely; with Redis gone they would wait forever.
      const bounded = (work: Promise<unknown> | undefined) => Promise.race([work, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      for (const module of modules) await bounded(module.close?.());
      await bounded(queueHandles.close());
      redis.disconnect();
      await db.close();
    },
  };
}

export type Container = ReturnType<typeof createContainer>;
