import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { EventType } from './catalogue.ts';
import type { Actor } from './events.repository.ts';

/** A place in the total order of events: (writing transaction id, seq). */
export interface FeedPosition {
  txid: string;
  seq: number;
}

export const FEED_START: FeedPosition = { txid: '0', seq: 0 };

export interface CommittedEvent {
  seq: number;
  id: string;
  type: EventType;
  ticketId: string | null;
  actor: Actor;
  data: Record<string, unknown>;
  createdAt: Date;
  position: FeedPosition;
}

/**
 * Committed events after `after`, in (txid, seq) order, without gaps. Only events of transactions
 * older than the oldest one still running are read: every such transaction has ended, so nothing
 * can later appear behind a position handed out, however late its transaction commits. (A plain
 * `seq > cursor` would skip an event whose transaction took its seq first and committed last.)
 * The horizon is read first: the read's snapshot is newer, so it sees every event below it.
 * `horizon` is where a reader that saw fewer than `limit` events may resume: it has seen all.
 */
export async function readCommitted(
  db: Executor,
  after: FeedPosition,
  options: { limit: number; types?: readonly EventType[] | undefined; ticketId?: string | undefined },
): Promise<{ events: CommittedEvent[]; horizon: FeedPosition }> {
  const xmin = (await db.execute<{ xmin: string }>(sql`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`)).rows[0]!.xmin;
  const filters: SQL[] = [sql`(txid, seq) > (${after.txid}::xid8, ${after.seq})`, sql`txid < ${xmin}::xid8`];
  if (options.types?.length) filters.push(sql`type IN (${sql.join(options.types.map((t) => sql`${t}`), sql`, `)})`);
  if (options.ticketId) filters.push(sql`ticket_id = ${options.ticketId}`);
  const { rows } = await db.execute<{
    seq: string; txid: string; id: string; type: EventType; ticket_id: string | null; actor_type: Actor['type']; actor_id: string | null; data: Record<string, unknown>; created_at: string;
  }>(sql`
    SELECT seq, txid::text AS txid, id, type, ticket_id, actor_type, actor_id, data, created_at FROM events
    WHERE ${sql.join(filters, sql` AND `)}
    ORDER BY txid, seq
    LIMIT ${options.limit}`);
  const events = rows.map((r) => ({
    seq: Number(r.seq),
    id: r.id,
    type: r.type,
    ticketId: r.ticket_id,
    actor: { type: r.actor_type, id: r.actor_id },
    data: r.data,
    createdAt: new Date(r.created_at),
    position: { txid: r.txid, seq: Number(r.seq) },
  }));
  return { events, horizon: { txid: xmin, seq: 0 } };
}

/** Where a reader that wants only what comes next starts: everything below is already committed. */
export async function feedHorizon(db: Executor): Promise<FeedPosition> {
  const xmin = (await db.execute<{ xmin: string }>(sql`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`)).rows[0]!.xmin;
  return { txid: xmin, seq: 0 };
}
