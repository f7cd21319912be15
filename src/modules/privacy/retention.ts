import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { defineQueue } from '../../shared/jobs.ts';
import type { Clock } from '../../shared/clock.ts';
import { z } from 'zod';
import { anonymiseTickets } from './anonymise.ts';

export const RETENTION_QUEUE = 'retention';
const RUN_EVERY_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionPolicy {
  /** Tickets closed longer ago than this are anonymised. */
  closedDays: number;
  /** Tickets per transaction: short transactions, a few row locks at a time. */
  batchSize?: number;
  /** Batches per run at most: a backlog (the first run after turning it on) is worked off over several runs. */
  maxBatches?: number;
}

/**
 * Anonymises tickets closed more than `closedDays` ago that still hold their text, oldest first,
 * in batches of their own transaction. SKIP LOCKED: two workers share the backlog, and a ticket an
 * agent is touching waits for the next batch. Customers and their identities stay (they may still
 * write); their erasure is DELETE /v1/customers/{id}.
 */
export async function anonymiseClosedTickets(db: Database, policy: RetentionPolicy, now: Date): Promise<{ tickets: number; batches: number }> {
  const cutoff = new Date(now.getTime() - policy.closedDays * DAY_MS);
  const batchSize = policy.batchSize ?? 200;
  let tickets = 0;
  let batches = 0;
  while (batches < (policy.maxBatches ?? 50)) {
    const done = await db.transaction(async (tx) => {
      const { rows } = await tx.execute<{ id: string }>(sql`
        SELECT id FROM tickets WHERE status = 'closed' AND anonymised_at IS NULL AND closed_at < ${cutoff}
        ORDER BY closed_at LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`);
      if (rows.length > 0) await anonymiseTickets(tx, rows.map((row) => row.id), now);
      return rows.length;
    });
    if (done === 0) break;
    tickets += done;
    batches++;
    if (done < batchSize) break;
  }
  return { tickets, batches };
}

/** The hourly retention run in the worker (only when a retention period is set). */
export function retentionQueue(deps: { db: Database; clock: Clock; policy: RetentionPolicy }) {
  return defineQueue({
    name: RETENTION_QUEUE,
    schema: z.object({ task: z.literal('anonymise-closed-tickets') }),
    concurrency: 1,
    schedules: [{ id: 'anonymise-closed-tickets', every: RUN_EVERY_MS, data: { task: 'anonymise-closed-tickets' } }],
    async handle(_data, { log }) {
      const result = await anonymiseClosedTickets(deps.db, deps.policy, deps.clock.now());
      if (result.tickets > 0) log.info({ ...result, closedDays: deps.policy.closedDays }, 'closed tickets anonymised under the retention period');
    },
  });
}
