import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import { AppError, notFound, type Problem } from '../../http/problem.ts';
import type { Actor } from '../events/events.repository.ts';
import { defineQueue } from '../../shared/jobs.ts';
import type { TicketService } from './tickets.service.ts';
import type { UpdateTicketInput } from './tickets.schemas.ts';
import { bulkJobs } from './bulk-jobs.table.ts';

export const BULK_QUEUE = 'ticket-bulk';
export type BulkJobRow = typeof bulkJobs.$inferSelect;
export type BulkResult = { ticketId: string; outcome: 'updated' | 'failed'; version?: number; problem?: Problem };

export const bulkJobNotFound = (id: string) => notFound('bulk_jobs', `No bulk job ${id.slice(0, 64)}`);

/** Only the payload's id leaves for Redis; the request itself stays in Postgres. */
const JobSchema = z.object({ bulkJobId: z.string().min(1).max(64) });

/**
 * Bulk changes: accepted as a row (202), run by the worker ticket by ticket, each change its own
 * transaction and `ticket.updated` event, so one invalid ticket fails alone and is reported with
 * its problem. Progress is kept after every ticket: a worker that dies resumes where it stopped.
 */
export function createBulkJobs(deps: { db: Database; clock: Clock; tickets: Pick<TicketService, 'update'>; enqueue: (bulkJobId: string) => Promise<void> }) {
  const { db, clock } = deps;

  async function find(id: string): Promise<BulkJobRow> {
    const [row] = await db.select().from(bulkJobs).where(eq(bulkJobs.id, id)).limit(1);
    if (!row) throw bulkJobNotFound(id);
    return row;
  }

  async function run(id: string): Promise<void> {
    const job = await find(id).catch(() => undefined);
    if (!job || job.status === 'done') return;
    const { ticketIds, changes } = job.request as { ticketIds: string[]; changes: UpdateTicketInput };
    const results = [...(job.results as BulkResult[])];
    const actor: Actor = { type: job.actorType, id: job.actorId };
    await db.update(bulkJobs).set({ status: 'running' }).where(eq(bulkJobs.id, id));
    for (const ticketId of ticketIds.slice(results.length)) {
      results.push(await changeOne(ticketId, changes, actor));
      // Progress is durable: a worker killed here resumes with the next ticket.
      await db.update(bulkJobs).set({ results: sql`${JSON.stringify(results)}::jsonb` }).where(eq(bulkJobs.id, id));
    }
    await db.update(bulkJobs).set({ status: 'done', finishedAt: clock.now() }).where(eq(bulkJobs.id, id));
  }

  async function changeOne(ticketId: string, changes: UpdateTicketInput, actor: Actor): Promise<BulkResult> {
    try {
      const { row } = await deps.tickets.update(ticketId, changes, actor);
      return { ticketId, outcome: 'updated', version: row.version };
    } catch (error) {
      // A client's mistake for this ticket (gone, a transition it cannot make…) is its own result.
      if (error instanceof AppError && error.status < 500) return { ticketId, outcome: 'failed', problem: error.toProblem() };
      throw error; // Postgres away: the job is retried and resumes at this ticket
    }
  }

  return {
    find,
    run,
    async submit(input: { ticketIds: string[]; changes: UpdateTicketInput }, actor: Actor): Promise<BulkJobRow> {
      const [row] = await db
        .insert(bulkJobs)
        .values({
          id: newId('bulkJob'),
          status: 'queued',
          request: { ticketIds: [...new Set(input.ticketIds)], changes: input.changes },
          total: new Set(input.ticketIds).size,
          actorType: actor.type,
          actorId: actor.id,
          createdAt: clock.now(),
        })
        .returning();
      await deps.enqueue(row!.id);
      return row!;
    },
    /** Unfinished jobs, for the recovery after Redis was lost (or a worker died holding one). */
    async unfinished(): Promise<string[]> {
      const rows = await db.select({ id: bulkJobs.id }).from(bulkJobs).where(sql`${bulkJobs.status} <> 'done'`).limit(1000);
      return rows.map((r) => r.id);
    },
  };
}

export type BulkJobs = ReturnType<typeof createBulkJobs>;

export function bulkQueue(deps: { bulk: Pick<BulkJobs, 'run' | 'unfinished'>; enqueue: (id: string) => Promise<void> }) {
  return defineQueue({
    name: BULK_QUEUE,
    schema: JobSchema,
    concurrency: 2,
    recover: async () => {
      for (const id of await deps.bulk.unfinished()) await deps.enqueue(id);
    },
    handle: async (data) => deps.bulk.run(data.bulkJobId),
  });
}
