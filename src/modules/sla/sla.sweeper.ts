import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { SlaRepository } from './sla.repository.ts';
import type { Clock } from '../../shared/clock.ts';
import type { SlaFiring } from './sla-fire.ts';
import { ARM_HORIZON_MS, type SlaTimers } from './sla.queue.ts';

/**
 * The safety net under the timers, and their scheduler beyond the horizon. Each sweep
 *  1. fires what is overdue (a timer Redis lost, or a worker that was down when it was due);
 *  2. arms the timers that go off within the next ARM_HORIZON_MS and are not armed yet: those
 *     after the last sweep's horizon (a watermark in Redis), and those changed recently (a crash
 *     between a commit and its enqueue). When the watermark is gone (FLUSHALL, a Redis restarted
 *     without its AOF), every running target within the horizon is armed again.
 * Firing is idempotent, so a sweep racing a timer changes nothing.
 */
export function createSlaSweeper(deps: {
  sla: Pick<SlaRepository, 'running' | 'overdue'>;
  firing: SlaFiring;
  timers: SlaTimers;
  redis: Redis;
  prefix: string;
  clock: Clock;
  logger: Logger;
  /** how far back "recently changed" reaches; a few sweep intervals */
  recentMs: number;
  /** overdue by more than this before the sweeper steps in: a timer that is merely busy fires it itself */
  overdueGraceMs: number;
}) {
  const watermark = `${deps.prefix}:sla:armed-until`;
  const lastSweep = `${deps.prefix}:sla:swept-at`;

  async function arm(filter: { since?: Date; firesIn: { after: Date | null; until: Date } }): Promise<number> {
    let afterId: string | undefined;
    let armed = 0;
    for (;;) {
      const page = await deps.sla.running({ ...filter, ...(afterId ? { afterId } : {}), limit: 5000 });
      if (page.length === 0) return armed;
      await deps.timers.arm(page, filter.firesIn.until.getTime());
      armed += page.length;
      afterId = page[page.length - 1]!.id;
    }
  }

  return {
    /** `overdueGraceMs: 0` after an outage: every overdue timer is the sweeper's then. */
    async sweep(options: { overdueGraceMs?: number } = {}): Promise<{ fired: number; armed: number; fullRearm: boolean }> {
      const now = deps.clock.now();
      const overdueBefore = new Date(now.getTime() - (options.overdueGraceMs ?? deps.overdueGraceMs));
      let fired = 0;
      for (;;) {
        const { breaches, warnings } = await deps.sla.overdue(overdueBefore, 500);
        for (const id of warnings) if ((await deps.firing.fire(id, 'warning')).outcome === 'fired') fired++;
        for (const id of breaches) if ((await deps.firing.fire(id, 'breach')).outcome === 'fired') fired++;
        if (breaches.length < 500 && warnings.length < 500) break;
      }
      const until = new Date(now.getTime() + ARM_HORIZON_MS);
      const previous = await deps.redis.get(watermark);
      const fullRearm = previous === null;
      let armed = await arm({ firesIn: { after: fullRearm ? null : new Date(previous), until } });
      if (!fullRearm) {
        // Changed since the previous sweep (with a little overlap), at most `recentMs` back.
        const swept = await deps.redis.get(lastSweep);
        const since = Math.max(now.getTime() - deps.recentMs, swept ? new Date(swept).getTime() - 2_000 : 0);
        armed += await arm({ since: new Date(since), firesIn: { after: null, until } });
      }
      await deps.redis.set(watermark, until.toISOString());
      await deps.redis.set(lastSweep, now.toISOString());
      if (fired || fullRearm) deps.logger.info({ fired, armed, fullRearm }, 'SLA sweep');
      return { fired, armed, fullRearm };
    },
  };
}

export type SlaSweeper = ReturnType<typeof createSlaSweeper>;
