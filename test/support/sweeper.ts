import { pino } from 'pino';
import type { Redis } from 'ioredis';
import type { Clock } from '../../src/shared/clock.ts';
import type { Harness } from './harness.ts';
import { createSlaRepository } from '../../src/modules/sla/sla.repository.ts';

/** The worker's SLA sweeper over a harness (the SLA module builds it), to call directly instead of waiting for its schedule. */
export function sweeperFor(h: Harness, options: { redis?: Redis; clock?: Clock; recentMs?: number; overdueGraceMs?: number } = {}) {
  return h.container.sla.sweeper({
    logger: pino({ level: 'silent' }),
    overdueGraceMs: 0,
    ...(options.redis ? { redis: options.redis } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.recentMs !== undefined ? { recentMs: options.recentMs } : {}),
    ...(options.overdueGraceMs !== undefined ? { overdueGraceMs: options.overdueGraceMs } : {}),
  });
}

/** A ticket's SLA target rows, read straight from Postgres. */
export const slaTargetsOf = (h: Harness, ticketId: string) => createSlaRepository(h.container.db.db).targetsOf(ticketId);
