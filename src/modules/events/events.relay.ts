import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database, Executor } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import type { EventType } from './catalogue.ts';
import { readCommitted, type CommittedEvent } from './committed-events.ts';

/** An event as subscribers receive it. */
export type RelayedEvent = CommittedEvent;

/**
 * A consumer of committed events, at least once, in relay order, with a durable cursor. `handle`
 * runs in the transaction that advances the cursor: what it writes to Postgres commits with the
 * cursor, so a redelivery only happens when nothing of it was kept. `afterCommit` is for what
 * cannot be in that transaction (a BullMQ job, a Redis message): it may run twice, so it must be
 * idempotent.
 */
export interface EventSubscriber {
  name: string;
  /** Only these types reach `handle` (the cursor moves past the others). Default: every type. */
  types?: readonly EventType[];
  handle(events: RelayedEvent[], tx: Executor): Promise<void>;
  afterCommit?(events: RelayedEvent[]): Promise<void>;
}

type Cursor = { txid: string; seq: number };

const BATCH = 500;

/**
 * Relays committed events to subscribers in a total order without gaps (see readCommitted).
 * A subscriber is handled by one process at a time (its cursor row is locked, others skip it).
 */
export function createEventRelay(deps: { db: Database; subscribers: EventSubscriber[]; logger: Logger; clock: Clock; pollMs?: number }) {
  const { db, logger } = deps;

  /** Cursors start where the events stand when the subscriber is first known: it gets what comes next. */
  async function ensureCursors(): Promise<void> {
    for (const s of deps.subscribers) {
      await db.execute(sql`
        INSERT INTO event_cursors (subscriber, txid, seq, updated_at)
        VALUES (${s.name}, pg_snapshot_xmin(pg_current_snapshot()), 0, ${deps.clock.now()})
        ON CONFLICT (subscriber) DO NOTHING`);
    }
  }

  /** One batch for one subscriber; returns how many events it read (0: nothing new, or busy elsewhere). */
  async function deliverBatch(subscriber: EventSubscriber): Promise<number> {
    let delivered: RelayedEvent[] = [];
    const read = await db.transaction(async (tx) => {
      const cursor = (
        await tx.execute<Cursor>(sql`SELECT txid::text AS txid, seq FROM event_cursors WHERE subscriber = ${subscriber.name} FOR UPDATE SKIP LOCKED`)
      ).rows[0];
      if (!cursor) return 0;
      const { events } = await readCommitted(tx, cursor, { limit: BATCH });
      if (events.length === 0) return 0;
      delivered = subscriber.types ? events.filter((e) => subscriber.types!.includes(e.type)) : events;
      if (delivered.length) await subscriber.handle(delivered, tx);
      const last = events[events.length - 1]!.position;
      await tx.execute(sql`UPDATE event_cursors SET txid = ${last.txid}::xid8, seq = ${last.seq}, updated_at = ${deps.clock.now()} WHERE subscriber = ${subscriber.name}`);
      return events.length;
    });
    if (delivered.length && subscriber.afterCommit) await subscriber.afterCommit(delivered);
    return read;
  }

  /**
   * Delivers everything committed so far to every subscriber (tests and the loop use it). The loop
   * passes `stopping`: a shutdown then ends it after the batch in hand (its cursor committed), and
   * the next relay, in this process or another, goes on from the cursors.
   */
  async function drain(stopping: () => boolean = () => false): Promise<number> {
    let total = 0;
    for (const subscriber of deps.subscribers) {
      for (let n = BATCH; n === BATCH && !stopping(); total += n) n = await deliverBatch(subscriber);
    }
    return total;
  }

  return {
    ensureCursors,
    drain,
    /** The worker's loop: drain, then wait a little; errors wait longer and try again. */
    start() {
      let stopped = false;
      let wake: (() => void) | undefined;
      const loop = (async () => {
        let failures = 0;
        let cursorsReady = false;
        while (!stopped) {
          try {
            if (!cursorsReady) await ensureCursors();
            cursorsReady = true;
            await drain(() => stopped);
            failures = 0;
          } catch (error) {
            failures++;
            if (failures === 1) logger.warn({ err: (error as Error).message }, 'event relay paused: retrying');
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, (deps.pollMs ?? 200) * (failures ? Math.min(2 ** failures, 25) : 1)).unref();
          });
        }
      })();
      return {
        async stop() {
          stopped = true;
          wake?.();
          await loop;
        },
      };
    },
  };
}

export type EventRelay = ReturnType<typeof createEventRelay>;
