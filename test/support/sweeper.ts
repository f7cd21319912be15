import { pino } from 'pino';
import type { Redis } from 'ioredis';
import type { Clock } from '../../src/shared/clock.ts';
import { createSlaSweeper } from '../../src/modules/sla/sla.sweeper.ts';
import type { Harness } from './harness.ts';

/** The worker's SLA sweeper over a harness, to call directly instead of waiting for its schedule. */
export function sweeperFor(h: Harness, options: { redis?: Redis; clock?: Clock; recentMs?: number; overdueGraceMs?: number } = {}) {
  return createSlaSweeper({
    uow: h.container.uow,
    firing: h.container.sla.firing,
    timers: h.container.sla.timers,
    redis: options.redis ?? h.container.redis,
    prefix: h.queuePrefix,
    clock: options.clock ?? h.container.clock,
    logger: pino({ level: 'silent' }),
    recentMs: options.recentMs ?? 30_000,
    overdueGraceMs: options.overdueGraceMs ?? 0,
  });
}
