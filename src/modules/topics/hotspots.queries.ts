import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { HOTSPOT_TYPES } from './hotspots.schemas.ts';

type HotspotType = (typeof HOTSPOT_TYPES)[number];

export interface HotspotPeriod {
  previousFrom: Date;
  from: Date;
  to: Date;
}

export interface RankedTopic {
  type: HotspotType;
  topic: string;
  product: boolean;
  cur: number;
  prev: number;
  neg: number;
  score: number;
  byVolume: number;
  byGrowth: number;
}

/** The growth ranking's order: a two-period count comparison, so ten new tickets outrank one. */
const GROWTH_SCORE = sql`(cur - prev) / sqrt(cur + prev + 1)`;

/**
 * The SQL of hotspots. Both periods are read in one range scan of ticket_topics_received_idx
 * (receivedAt, type, topic, negative: an index-only scan), counted per type and topic, and
 * ranked by volume and by growth in the database, so only the top rows leave it. On a tie the
 * longer topic ranks first: 扫地机器人 says more than 扫地 and 机器人, which count the same tickets.
 */
export function createHotspotQueries(db: Database) {
  return {
    async ranked(period: HotspotPeriod, types: readonly HotspotType[], limit: number): Promise<RankedTopic[]> {
      const typeList = sql.join(types.map((t) => sql`${t}`), sql`, `);
      const { rows } = await db.execute<Record<string, unknown>>(sql`
        WITH counts AS (
          SELECT type, topic,
            count(*) FILTER (WHERE received_at >= ${period.from})::int AS cur,
            count(*) FILTER (WHERE received_at < ${period.from})::int AS prev,
            count(*) FILTER (WHERE received_at >= ${period.from} AND negative)::int AS neg
          FROM ticket_topics
          WHERE received_at >= ${period.previousFrom} AND received_at < ${period.to} AND type IN (${typeList})
          GROUP BY type, topic
        ), ranked AS (
          SELECT *, ${GROWTH_SCORE}::float8 AS score,
            row_number() OVER (PARTITION BY type ORDER BY cur DESC, length(topic) DESC, topic) AS by_volume,
            row_number() OVER (PARTITION BY type ORDER BY CASE WHEN cur > prev THEN ${GROWTH_SCORE} END DESC NULLS LAST, cur DESC, length(topic) DESC, topic) AS by_growth
          FROM counts WHERE cur > 0
        )
        SELECT type, topic, cur, prev, neg, score, by_volume::int, by_growth::int, cur > prev AS grew FROM ranked
        WHERE by_volume <= ${limit} OR (by_growth <= ${limit} AND cur > prev)`);
      return rows.map((r) => ({
        type: r.type as HotspotType,
        topic: String(r.topic),
        product: false,
        cur: Number(r.cur),
        prev: Number(r.prev),
        neg: Number(r.neg),
        score: Number(r.score),
        byVolume: Number(r.by_volume),
        byGrowth: r.grew ? Number(r.by_growth) : Number.POSITIVE_INFINITY,
      }));
    },

    /**
     * How customers wrote each chosen topic most often (among its 200 newest mentions), and its
     * newest tickets in the period: per topic, a LATERAL subquery reading ticket_topics_topic_idx
     * backwards, so a popular topic costs no more than a rare one.
     */
    async details(period: HotspotPeriod, picked: { type: HotspotType; topic: string }[]) {
      if (picked.length === 0) return new Map<string, { label: string; product: boolean; samples: string[] }>();
      const { rows } = await db.execute<{ type: string; topic: string; label: string; product: boolean; samples: string[] }>(sql`
        SELECT p.type, p.topic, d.label, d.product, d.samples
        FROM unnest(${sql.param(picked.map((p) => p.type))}::text[], ${sql.param(picked.map((p) => p.topic))}::text[]) AS p(type, topic)
        CROSS JOIN LATERAL (
          SELECT mode() WITHIN GROUP (ORDER BY t.label) AS label, bool_or(t.product) AS product,
            (array_agg(t.ticket_id ORDER BY t.received_at DESC, t.ticket_id DESC))[1:5] AS samples
          FROM (SELECT label, product, ticket_id, received_at FROM ticket_topics
                WHERE topic = p.topic AND type = p.type AND received_at >= ${period.from} AND received_at < ${period.to}
                ORDER BY received_at DESC LIMIT 200) AS t
        ) AS d`);
      return new Map(rows.map((r) => [`${r.type}\u0000${r.topic}`, { label: r.label, product: r.product, samples: r.samples }]));
    },
  };
}

export type HotspotQueries = ReturnType<typeof createHotspotQueries>;
