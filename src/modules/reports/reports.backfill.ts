import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { defineQueue } from '../../shared/jobs.ts';
import { refreshTickets } from './facts.apply.ts';
import { REPORTS_SUBSCRIBER } from './reports.subscriber.ts';

const CHUNK = 2_000;

/**
 * Tickets that existed before the reports subscriber (an upgraded database) get their facts here,
 * a chunk of ticket numbers per run, until the newest ticket of the first run. Each chunk holds
 * the subscriber's cursor row, so it never runs beside the subscriber (two writers of one
 * ticket's difference would count it twice). Tickets created later are the subscriber's.
 */
export async function backfillChunk(db: Database, clock: Clock): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`INSERT INTO report_backfill (id, next_ticket_no, done) VALUES (1, 0, false) ON CONFLICT (id) DO NOTHING`);
    const state = (await tx.execute<{ next: string; done: boolean }>(sql`SELECT next_ticket_no::text AS next, done FROM report_backfill WHERE id = 1 FOR UPDATE`)).rows[0]!;
    if (state.done) return false;
    const cursor = await tx.execute(sql`SELECT 1 FROM event_cursors WHERE subscriber = ${REPORTS_SUBSCRIBER} FOR UPDATE`);
    if (cursor.rows.length === 0) return false; // the relay has not started yet: it creates the cursor first
    const next = Number(state.next);
    const last = Number((await tx.execute<{ hi: string | null }>(sql`SELECT max(number)::text AS hi FROM tickets`)).rows[0]?.hi ?? 0);
    const end = Math.min(next + CHUNK, last + 1);
    if (next < end) await refreshTickets(tx, sql`k.number >= ${next} AND k.number < ${end}`);
    await tx.execute(sql`UPDATE report_backfill SET next_ticket_no = ${end}, done = ${end > last}, updated_at = ${clock.now()} WHERE id = 1`);
    return end <= last;
  });
}

export function reportsBackfillQueue(deps: { db: Database; clock: Clock }) {
  return defineQueue({
    name: 'reports-backfill',
    schema: z.object({}),
    concurrency: 1,
    schedules: [{ id: 'reports-backfill', every: 10_000, data: {} }],
    async handle() {
      while (await backfillChunk(deps.db, deps.clock)) {
        // one chunk per transaction, until done
      }
    },
  });
}
