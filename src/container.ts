import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createDatabase, type DatabaseHandle } from './db/client.ts';
import { createUnitOfWork } from './db/repositories.ts';
import { systemClock, type Clock } from './shared/clock.ts';
import type { ReadinessCheck } from './http/health.routes.ts';
import { createApiKeyRepository } from './modules/auth/api-keys.repository.ts';
import { createApiKeyService } from './modules/auth/api-keys.service.ts';
import { createTicketService } from './modules/tickets/tickets.service.ts';
import type { Classifier } from './modules/classification/classifier.ts';
import { createInquiryService } from './modules/inquiries/inquiries.service.ts';
import { createCustomerService } from './modules/customers/customers.service.ts';
import { createAgentService } from './modules/agents/agents.service.ts';
import { createAgentRepository } from './modules/agents/agents.repository.ts';
import { createTeamRepository } from './modules/teams/teams.repository.ts';
import { createSlaEngine } from './modules/sla/sla-engine.ts';
import { createCalendarCache, createPolicyCache } from './modules/sla/sources.ts';
import { createSlaTimers } from './modules/sla/sla.queue.ts';
import { createSlaFiring } from './modules/sla/sla-fire.ts';
import { createCsatService } from './modules/csat/csat.service.ts';
import { createSurveyScheduler } from './modules/csat/csat.queue.ts';
import { createSigningKeySource } from './modules/csat/signing-key.ts';
import { createSessionService } from './modules/auth/sessions.service.ts';
import { createSessionRepository } from './modules/auth/sessions.repository.ts';
import { createSignInThrottleRepository } from './modules/auth/sign-in-throttle.repository.ts';

export interface ContainerOptions {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  logger: Logger;
  clock?: Clock;
  /** Absent in processes that never classify (the worker). */
  classifier?: Classifier;
  /** Where customers reach the service (survey links). */
  publicUrl?: string;
  /** Signs survey links; generated and kept in Postgres when not given. */
  surveySigningKey?: string;
  /** Pool size: the API wants more connections than the worker. */
  databasePoolSize?: number;
}

/** The wiring of one process: built once, handed to the HTTP app and the worker. */
export function createContainer(options: ContainerOptions) {
  const clock = options.clock ?? systemClock;
  const db: DatabaseHandle = createDatabase(options.databaseUrl, { max: options.databasePoolSize ?? 20, logger: options.logger });
  // Commands fail fast while Redis is away (the API must not hang); BullMQ workers make their own.
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true, enableOfflineQueue: true });
  redis.on('error', (error) => options.logger.warn({ err: error.message }, 'redis connection error'));

  const uow = createUnitOfWork(db.db);
  const classify = options.classifier ? (text: string) => options.classifier!.classify(text) : undefined;
  const agentRepository = createAgentRepository(db.db);
  const teamRepository = createTeamRepository(db.db);
  const policyCache = createPolicyCache();
  const calendarCache = createCalendarCache();
  const slaEngine = createSlaEngine({ policies: policyCache, calendars: calendarCache });
  const slaTimers = createSlaTimers({ redisUrl: options.redisUrl, prefix: options.queuePrefix, clock, logger: options.logger });
  const tickets = createTicketService({ uow, clock, classify, sla: { engine: slaEngine, timers: slaTimers } });
  const surveyScheduler = createSurveyScheduler({ redisUrl: options.redisUrl, prefix: options.queuePrefix, clock, logger: options.logger });
  const csat = createCsatService({
    uow,
    clock,
    tickets,
    scheduler: surveyScheduler,
    signingKey: createSigningKeySource(db.db, options.surveySigningKey),
    publicUrl: (options.publicUrl ?? 'http://127.0.0.1:3000').replace(/\/$/, ''),
  });
  const apiKeys = createApiKeyService({ keys: createApiKeyRepository(db.db), db: db.db, clock });
  const signInThrottles = createSignInThrottleRepository(db.db);
  const sessions = createSessionService({ sessions: createSessionRepository(db.db), agents: agentRepository, throttles: signInThrottles, clock });
  const services = {
    classifier: options.classifier,
    csat,
    apiKeys,
    sessions,
    tickets,
    inquiries: createInquiryService({ clock, tickets, classify, sla: slaEngine }),
    customers: createCustomerService({ uow, clock }),
    agents: createAgentService({
      db: db.db,
      teams: teamRepository,
      throttles: signInThrottles,
      clock,
      // A new password, a deactivation or a new role counts in this process at once, not after the caches' few seconds.
      onAccessChanged: () => {
        apiKeys.forgetCached();
        sessions.forgetCached();
      },
    }),
    teams: teamRepository,
  };

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

  const sla = {
    engine: slaEngine,
    timers: slaTimers,
    firing: createSlaFiring({ uow, engine: slaEngine, clock }),
    policyCache,
    calendarCache,
  };

  return {
    clock,
    db,
    redis,
    redisUrl: options.redisUrl,
    uow,
    sla,
    queuePrefix: options.queuePrefix,
    logger: options.logger,
    services,
    readiness,
    async close() {
      await slaTimers.close().catch(() => undefined);
      await surveyScheduler.close().catch(() => undefined);
      redis.disconnect();
      await db.close();
    },
  };
}

export type Container = ReturnType<typeof createContainer>;
