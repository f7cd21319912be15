import type { Logger } from 'pino';
import type { Redis } from 'ioredis';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { routes, type FeatureModule } from '../module.ts';
import { createTicketUnitOfWork } from '../tickets/ticket-writes.ts';
import { createSlaEngine } from './sla-engine.ts';
import { createCalendarCache, createPolicyCache } from './sources.ts';
import { createSlaTimers } from './sla.queue.ts';
import { createSlaFiring } from './sla-fire.ts';
import { createSlaRecompute } from './sla-recompute.ts';
import { createSlaSweeper } from './sla.sweeper.ts';
import { slaQueue } from './sla.worker.ts';
import { createPolicyRepository, createSlaRepository } from './sla.repository.ts';
import { slaPolicyRoutes } from './policies.routes.ts';

/**
 * How often the SLA sweeper runs. Timers fire on their own; the sweep repairs, and steps in for a
 * timer overdue by more than one interval. A second keeps "overdue timers fire within 2 s of a
 * recovery" (a Postgres that was down while they were due) with an index-only query a second.
 */
export const SWEEP_EVERY_MS = 1_000;

/**
 * Response SLAs: the engine that runs inside ticket transactions, the timers (BullMQ delayed jobs
 * armed after commit), their firing and the sweeper under them, and the policy routes.
 */
export function slaModule(deps: {
  db: Database;
  redis: Redis;
  redisUrl: string;
  prefix: string;
  clock: Clock;
  logger: Logger;
  /** Timer lateness (metrics). */
  observe?: { slaTimerFired(kind: 'warning' | 'breach', latenessSeconds: number): void };
}) {
  const { clock, logger } = deps;
  const uow = createTicketUnitOfWork(deps.db);
  const policies = createPolicyRepository(deps.db);
  const policyCache = createPolicyCache();
  const calendarCache = createCalendarCache();
  const engine = createSlaEngine({ policies: policyCache, calendars: calendarCache });
  const timers = createSlaTimers({ redisUrl: deps.redisUrl, prefix: deps.prefix, clock, logger });
  const firing = createSlaFiring({ uow, engine, clock });
  const recompute = createSlaRecompute({ uow, engine, timers, clock });

  /** The sweeper; tests build theirs here too, with their own clock, Redis or grace. */
  const sweeper = (overrides: Partial<Parameters<typeof createSlaSweeper>[0]> = {}) =>
    createSlaSweeper({
      sla: createSlaRepository(deps.db),
      firing,
      timers,
      redis: deps.redis,
      prefix: deps.prefix,
      clock,
      logger,
      recentMs: 30_000,
      overdueGraceMs: SWEEP_EVERY_MS,
      ...overrides,
    });

  /** What the calendars feature asks of SLAs: whether a calendar is used, and what to redo when it changes. */
  const calendarUsage = {
    inUse: (id: string) => policies.namesCalendar(id),
    businessTargets: (id: string) => policies.businessTargetsOn(id),
    onChange: async (id: string) => {
      calendarCache.invalidate(id);
      await timers.requestRecompute(id);
    },
  };

  const module: FeatureModule = {
    name: 'sla',
    routes: [
      routes(slaPolicyRoutes, {
        policies,
        clock,
        calendar: async (id: string) => (await uow.read.calendars.findById(id)) ?? null,
        teamExists: async (id: string) => !!(await uow.read.teams.findById(id)),
        agentExists: async (id: string) => !!(await uow.read.agents.findById(id)),
        onChange: () => {
          policyCache.invalidate();
          void timers.requestRecompute();
        },
      }),
    ],
    queues: [slaQueue({ firing, timers, sweeper: sweeper(), recompute, logger, sweepEveryMs: SWEEP_EVERY_MS, observe: deps.observe })],
    close: () => timers.close().catch(() => undefined),
  };
  return { engine, timers, firing, sweeper, calendarUsage, module };
}

export type SlaModule = ReturnType<typeof slaModule>;
