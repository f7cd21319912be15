import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { OverallWindow, SlotCount, WindowTicket } from './detectors.ts';
import type { Slot } from './windows.ts';

/**
 * The slots as one relation (index, start, end). Joins to it are LATERAL: the planner cannot see
 * how narrow each range is (they are parameters), and would otherwise scan whole tables; this way
 * (OFFSET 0 keeps it from flattening the subquery) each slot is one range scan of an index.
 */
const slotsRelation = (slots: Slot[]) =>
  sql`unnest(${sql.param(slots.map((s) => s.index))}::int[], ${sql.param(slots.map((s) => s.start.toISOString()))}::timestamptz[], ${sql.param(slots.map((s) => s.end.toISOString()))}::timestamptz[]) AS s(i, lo, hi)`;

type Row = Record<string, unknown>;

const ticketOf = (r: Row): WindowTicket => ({
  ticketId: String(r.ticket_id),
  customerId: (r.customer_id as string | null) ?? null,
  channel: String(r.channel),
  type: (r.type as string | null) ?? null,
  negative: Boolean(r.negative),
  receivedAt: new Date(r.received_at as string),
});

/**
 * What crisis detection reads, all keyed on receivedAt (message_signals_received_idx,
 * ticket_topics_received_idx, ticket_topics_topic_idx): the current window and the same window on
 * past days. Each query touches only those windows, so a run costs the same on a month of history
 * as on a year (see the EXPLAIN test in test/modules/alerts/detection-queries.test.ts).
 */
export function createDetectorQueries(db: Database) {
  return {
    async historyStart(): Promise<Date | null> {
      const { rows } = await db.execute<{ start: string | null }>(sql`SELECT min(received_at) AS start FROM message_signals`);
      return rows[0]?.start ? new Date(rows[0].start) : null;
    },

    /** Customer messages per local day: the weekly index's input. */
    async dailyTotals(from: Date, to: Date, timeZone: string): Promise<{ weekday: number; total: number }[]> {
      const { rows } = await db.execute<{ weekday: number; total: number }>(sql`
        SELECT extract(isodow FROM day)::int AS weekday, count(*)::int AS total
        FROM (SELECT (received_at AT TIME ZONE ${timeZone})::date AS day FROM message_signals WHERE received_at >= ${from} AND received_at < ${to}) AS days
        GROUP BY day`);
      return rows.map((r) => ({ weekday: Number(r.weekday), total: Number(r.total) }));
    },

    async overall(slots: Slot[]): Promise<OverallWindow> {
      const { rows } = await db.execute<{ i: number; complaints: number; messages: number; negatives: number }>(sql`
        SELECT s.i, count(DISTINCT m.ticket_id) FILTER (WHERE m.type = 'complaint')::int AS complaints, count(*)::int AS messages, count(*) FILTER (WHERE m.negative)::int AS negatives
        FROM ${slotsRelation(slots)}
        CROSS JOIN LATERAL (SELECT ticket_id, type, negative FROM message_signals WHERE received_at >= s.lo AND received_at < s.hi OFFSET 0) AS m
        GROUP BY s.i`);
      const now = rows.find((r) => Number(r.i) === 0);
      const past = rows.filter((r) => Number(r.i) > 0);
      return {
        complaints: Number(now?.complaints ?? 0),
        complaintSamples: past.map((r) => ({ index: Number(r.i), count: Number(r.complaints) })),
        messages: Number(now?.messages ?? 0),
        negatives: Number(now?.negatives ?? 0),
        sentimentSamples: past.map((r) => ({ index: Number(r.i), messages: Number(r.messages), negatives: Number(r.negatives) })),
        channels: [],
        sampleTicketIds: [],
      };
    },

    /** Channels and recent tickets of the window's complaints: evidence, read only when volume or sentiment tripped. */
    async overallDetails(current: Slot): Promise<Pick<OverallWindow, 'channels' | 'sampleTicketIds'>> {
      const channels = await db.execute<{ channel: string; tickets: number }>(sql`
        SELECT channel, count(DISTINCT ticket_id)::int AS tickets FROM message_signals
        WHERE received_at >= ${current.start} AND received_at < ${current.end} AND type = 'complaint'
        GROUP BY channel ORDER BY 2 DESC, 1`);
      const samples = await db.execute<{ ticket_id: string }>(sql`
        SELECT ticket_id FROM message_signals WHERE received_at >= ${current.start} AND received_at < ${current.end} AND type = 'complaint'
        GROUP BY ticket_id ORDER BY max(received_at) DESC, ticket_id DESC LIMIT 5`);
      return { channels: channels.rows.map((r) => ({ channel: r.channel, tickets: Number(r.tickets) })), sampleTicketIds: samples.rows.map((r) => r.ticket_id) };
    },

    /** Topics busy enough in the current window to reach the lowest level of a topic or spread detection, with their tickets. */
    async topicsInWindow(window: Slot, minimum: { complaints: number; customers: number }) {
      const { rows } = await db.execute<Row>(sql`
        WITH busy AS (
          SELECT topic FROM ticket_topics WHERE received_at >= ${window.start} AND received_at < ${window.end}
          GROUP BY topic
          HAVING count(*) FILTER (WHERE type = 'complaint') >= ${minimum.complaints} OR count(DISTINCT customer_id) >= ${minimum.customers}
        )
        SELECT t.topic, t.label, t.ticket_id, t.customer_id, t.channel, t.type, t.negative, t.received_at
        FROM ticket_topics t JOIN busy USING (topic)
        WHERE t.received_at >= ${window.start} AND t.received_at < ${window.end}`);
      const topics = new Map<string, { labels: Map<string, number>; tickets: WindowTicket[] }>();
      for (const r of rows) {
        const key = String(r.topic);
        const entry = topics.get(key) ?? { labels: new Map<string, number>(), tickets: [] as WindowTicket[] };
        entry.labels.set(String(r.label), (entry.labels.get(String(r.label)) ?? 0) + 1);
        entry.tickets.push(ticketOf(r));
        topics.set(key, entry);
      }
      return [...topics].map(([key, { labels, tickets }]) => ({
        key,
        // The spelling customers used most: that is the subject an alert shows.
        label: [...labels].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0],
        tickets,
      }));
    },

    /** The same topics in the baseline slots: complaint tickets and distinct customers per slot. */
    async topicSamples(slots: Slot[], topics: string[]): Promise<Map<string, { complaints: SlotCount[]; customers: SlotCount[] }>> {
      const result = new Map<string, { complaints: SlotCount[]; customers: SlotCount[] }>(topics.map((t) => [t, { complaints: [], customers: [] }]));
      if (topics.length === 0 || slots.length === 0) return result;
      const { rows } = await db.execute<{ i: number; topic: string; complaints: number; customers: number }>(sql`
        SELECT s.i, t.topic, count(*) FILTER (WHERE t.type = 'complaint')::int AS complaints, count(DISTINCT t.customer_id)::int AS customers
        FROM ${slotsRelation(slots)}
        CROSS JOIN LATERAL (
          SELECT topic, type, customer_id FROM ticket_topics
          WHERE topic = ANY(${sql.param(topics)}::text[]) AND received_at >= s.lo AND received_at < s.hi OFFSET 0
        ) AS t
        GROUP BY s.i, t.topic`);
      for (const r of rows) {
        const entry = result.get(r.topic)!;
        entry.complaints.push({ index: Number(r.i), count: Number(r.complaints) });
        entry.customers.push({ index: Number(r.i), count: Number(r.customers) });
      }
      return result;
    },

    /**
     * Watch-list terms in customers' messages of the current window and of the baseline slots:
     * the windows' messages are read (by receivedAt, then by id) and matched in the process, where
     * the text is normalised as topics are; the current window's tickets per term, and distinct
     * tickets per term in each baseline slot.
     */
    async terms(slots: Slot[], match: (text: string) => string[]) {
      const current = new Map<string, WindowTicket[]>();
      const samples = new Map<string, SlotCount[]>();
      const { rows } = await db.execute<Row>(sql`
        WITH inside AS MATERIALIZED (
          SELECT s.i, ms.message_id, ms.ticket_id, ms.customer_id, ms.channel, ms.type, ms.negative, ms.received_at
          FROM ${slotsRelation(slots)}
          CROSS JOIN LATERAL (SELECT * FROM message_signals WHERE received_at >= s.lo AND received_at < s.hi OFFSET 0) AS ms
        )
        SELECT inside.i, inside.ticket_id, inside.customer_id, inside.channel, inside.type, inside.negative, inside.received_at, m.body
        FROM inside CROSS JOIN LATERAL (SELECT left(body, 2000) AS body FROM messages WHERE id = inside.message_id OFFSET 0) AS m`);
      const seen = new Set<string>();
      for (const r of rows) {
        const terms = match(String(r.body));
        if (terms.length === 0) continue;
        const i = Number(r.i);
        for (const term of terms) {
          const once = `${i}\u0000${term}\u0000${String(r.ticket_id)}`;
          if (seen.has(once)) continue;
          seen.add(once);
          if (i === 0) current.set(term, [...(current.get(term) ?? []), ticketOf(r)]);
          else {
            const list = samples.get(term) ?? [];
            const slot = list.find((s) => s.index === i);
            if (slot) slot.count++;
            else list.push({ index: i, count: 1 });
            samples.set(term, list);
          }
        }
      }
      return { current, samples };
    },
  };
}

export type DetectorQueries = ReturnType<typeof createDetectorQueries>;
