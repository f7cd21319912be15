import { sql } from 'drizzle-orm';
import type { UnitOfWork } from '../../db/repositories.ts';
import type { Clock } from '../../shared/clock.ts';
import type { SlaEngine } from './sla-engine.ts';
import type { SlaTimers } from './sla.queue.ts';
import type { TicketRow } from '../tickets/tickets.repository.ts';

/**
 * After a policy or calendar changes, the open tickets it may affect get their policy chosen again
 * and their running deadlines recomputed, one small transaction per ticket (in the worker, so an
 * edit never holds up the API).
 */
export function createSlaRecompute(deps: { uow: UnitOfWork; engine: SlaEngine; timers: Pick<SlaTimers, 'schedule'>; clock: Clock }) {
  return async function recompute(scope: { calendarId?: string | undefined }): Promise<number> {
    let after = '';
    let done = 0;
    for (;;) {
      const filter = scope.calendarId
        ? sql`EXISTS (SELECT 1 FROM sla_targets s WHERE s.ticket_id = tickets.id AND s.calendar_id = ${scope.calendarId} AND s.status IN ('active', 'paused'))`
        : sql`status NOT IN ('solved', 'closed')`;
      const page = await deps.uow.read.db.execute<{ id: string }>(
        sql`SELECT id FROM tickets WHERE ${filter} AND id > ${after} ORDER BY id LIMIT 500`,
      );
      if (page.rows.length === 0) return done;
      for (const { id } of page.rows) {
        const now = deps.clock.now();
        const intents = await deps.uow.transaction(async (repos) => {
          const ticket = await repos.tickets.findById(id, { forUpdate: true });
          return ticket ? deps.engine.reevaluate(repos, ticket as TicketRow, now) : [];
        });
        await deps.timers.schedule(intents);
        done++;
      }
      after = page.rows[page.rows.length - 1]!.id;
    }
  };
}
