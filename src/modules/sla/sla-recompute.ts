import type { TicketUnitOfWork } from '../tickets/ticket-writes.ts';
import type { Clock } from '../../shared/clock.ts';
import type { SlaEngine } from './sla-engine.ts';
import type { SlaTimers } from './sla.queue.ts';
import type { TicketRow } from '../tickets/tickets.repository.ts';

/**
 * After a policy or calendar changes, the open tickets it may affect get their policy chosen again
 * and their running deadlines recomputed, one small transaction per ticket (in the worker, so an
 * edit never holds up the API).
 */
export function createSlaRecompute(deps: { uow: TicketUnitOfWork; engine: SlaEngine; timers: Pick<SlaTimers, 'schedule'>; clock: Clock }) {
  return async function recompute(scope: { calendarId?: string | undefined }): Promise<number> {
    let after = '';
    let done = 0;
    for (;;) {
      const page = await deps.uow.read.sla.ticketsToRecompute({ calendarId: scope.calendarId, afterId: after, limit: 500 });
      if (page.length === 0) return done;
      for (const id of page) {
        const now = deps.clock.now();
        const intents = await deps.uow.transaction(async (repos) => {
          const ticket = await repos.tickets.findById(id, { forUpdate: true });
          return ticket ? deps.engine.reevaluate(repos, ticket as TicketRow, now) : [];
        });
        await deps.timers.schedule(intents);
        done++;
      }
      after = page[page.length - 1]!;
    }
  };
}
