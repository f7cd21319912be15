import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { z } from 'zod';
import type { Logger } from 'pino';
import { workerConnection, workerRedisOptions } from './queues.ts';
import { messageForLog } from './logger.ts';

/** What a job's handler may ask for: come back at `retryAt` (it went off early; nothing is lost). */
export type JobOutcome = void | { retryAt: Date };

export interface JobContext {
  jobId: string | undefined;
  /** When the job was due: added, or added with a delay that ended then (a timer's due time). */
  scheduledFor?: Date;
  /** A child logger with `{ queue, jobId }`. */
  log: Logger;
}

/**
 * One background queue of a feature: its payload schema (every payload is parsed when it leaves
 * Redis, never cast), its handler, its periodic jobs, and what to repair when Redis comes back.
 */
export interface QueueDefinition<Schema extends z.ZodType = z.ZodType> {
  name: string;
  schema: Schema;
  concurrency: number;
  handle(data: z.infer<Schema>, context: JobContext): Promise<JobOutcome>;
  /**
   * Periodic jobs, as BullMQ job schedulers (one schedule however many workers run). They live in
   * Redis, so they are declared again whenever Redis (re)connects: a Redis that lost its data has
   * lost them too.
   */
  schedules?: { id: string; every: number; data: z.infer<Schema> }[];
  /**
   * Runs when the worker starts and every time Redis comes back after a loss of connection:
   * Postgres is the source of truth, and this rebuilds from it what Redis may have lost (delayed
   * jobs of a Redis restarted empty) and does at once what came due while it was away.
   */
  recover?(): Promise<void>;
}

/** Keeps the schema's type attached to the handler's `data`. */
export const defineQueue = <Schema extends z.ZodType>(definition: QueueDefinition<Schema>) => definition;

export interface RunningQueues {
  /** Resolves once the first recovery (at start) has run. */
  recovered: Promise<void>;
  close(graceMs?: number): Promise<void>;
}

/** Each job's run time by outcome, and how long it waited past its due time (metrics). */
export type JobObserver = (queue: string, outcome: 'completed' | 'failed' | 'delayed', seconds: number, waitedSeconds: number | null) => void;

/**
 * The worker side of every queue: one BullMQ Worker per definition, the schedulers, the recovery
 * hooks, and one error policy. Nothing here needs Redis to be up at start: workers and the
 * watcher connect (and reconnect) on their own.
 */
export function startQueues(definitions: QueueDefinition[], deps: { redisUrl: string; prefix: string; logger: Logger; observe?: JobObserver }): RunningQueues {
  const { logger, prefix } = deps;
  const workers = definitions.map((definition) => {
    const worker = new Worker(
      definition.name,
      async (job: Job, token?: string) => {
        const started = performance.now();
        const scheduledFor = new Date(job.timestamp + (job.delay ?? 0));
        const waited = (Date.now() - scheduledFor.getTime()) / 1000;
        const observe = (outcome: 'completed' | 'failed' | 'delayed') => deps.observe?.(definition.name, outcome, (performance.now() - started) / 1000, job.attemptsMade === 0 ? waited : null);
        let outcome: JobOutcome;
        try {
          const data = definition.schema.parse(job.data);
          outcome = await definition.handle(data, { jobId: job.id, scheduledFor, log: logger.child({ queue: definition.name, jobId: job.id }) });
        } catch (error) {
          observe('failed');
          throw error;
        }
        observe(outcome ? 'delayed' : 'completed');
        if (outcome && token) {
          await job.moveToDelayed(outcome.retryAt.getTime(), token);
          throw new DelayedError();
        }
      },
      { connection: workerConnection(deps.redisUrl), prefix, concurrency: definition.concurrency },
    );
    worker.on('failed', (job, error) => logger.error({ queue: definition.name, jobId: job?.id, err: messageForLog(error) }, 'job failed'));
    worker.on('error', (error) => logger.warn({ queue: definition.name, err: error.message }, 'queue worker error'));
    return worker;
  });

  const scheduled = definitions.filter((d) => d.schedules?.length);
  const schedulerQueues = new Map(scheduled.map((d) => [d.name, new Queue(d.name, { connection: workerConnection(deps.redisUrl), prefix })]));
  for (const queue of schedulerQueues.values()) queue.on('error', () => undefined); // the watcher reports connection trouble

  async function recover() {
    for (const definition of scheduled) {
      const queue = schedulerQueues.get(definition.name)!;
      for (const s of definition.schedules!) {
        await queue.upsertJobScheduler(s.id, { every: s.every }, { name: s.id, data: s.data, opts: { removeOnComplete: true, removeOnFail: 100 } });
      }
    }
    await Promise.all(
      definitions.map((d) =>
        d.recover?.().catch((error: unknown) => logger.warn({ queue: d.name, err: (error as Error).message }, 'recovery did not finish; the periodic jobs will')),
      ),
    );
  }

  // Recoveries never overlap; a reconnect during one asks for one more after it.
  let running: Promise<void> | null = null;
  let again = false;
  let resolveFirst: () => void;
  const recovered = new Promise<void>((resolve) => (resolveFirst = resolve));
  const requestRecovery = () => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await recover();
        } catch (error) {
          logger.warn({ err: (error as Error).message }, 'queue recovery failed; retried on the next reconnect');
        }
      } while (again);
      running = null;
      resolveFirst();
    })();
  };

  const watcher = new Redis(deps.redisUrl, workerRedisOptions);
  let lost = false;
  watcher.on('ready', () => {
    if (lost) logger.info('Redis is back: re-declaring schedules and recovering from Postgres');
    lost = false;
    requestRecovery();
  });
  watcher.on('error', (error) => {
    if (!lost) logger.warn({ err: error.message }, 'Redis connection lost; queues wait for it');
    lost = true;
  });

  return {
    recovered,
    /**
     * Lets running jobs finish for up to `graceMs` in all, then lets go: with Redis gone a graceful close
     * would wait for it forever, and an unfinished job is only retried (handlers are idempotent).
     */
    async close(graceMs = 5_000) {
      watcher.disconnect();
      const deadline = Date.now() + graceMs;
      const within = (ms: number, work: Promise<unknown>) =>
        new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), ms);
          work.then(
            () => (clearTimeout(timer), resolve(true)),
            () => (clearTimeout(timer), resolve(true)),
          );
        });
      await within(graceMs, running ?? Promise.resolve());
      if (!(await within(Math.max(0, deadline - Date.now()), Promise.all(workers.map((worker) => worker.close()))))) {
        logger.warn({ graceMs }, 'queue workers did not stop in time (Redis away?): stopping them forcibly');
        await within(1_000, Promise.all(workers.map((worker) => worker.close(true))));
      }
      await within(1_000, Promise.all([...schedulerQueues.values()].map((queue) => queue.close())));
    },
  };
}
