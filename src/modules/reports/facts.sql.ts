import { sql, type SQL } from 'drizzle-orm';
import { CHANNELS, FACT_KINDS, LANGUAGES, OPEN_STATUSES, PRIORITIES, SLA_OUTCOMES, SURVEY_SLA, TYPES } from './dimensions.ts';

/**
 * The one definition of a ticket's facts and backlog spans, as SQL over the source tables, for
 * the tickets that `scope` (a condition on `tickets k`) selects. The relay subscriber runs it for
 * the tickets its events touched, the backfill and `seed:bulk` for ranges of ticket numbers: the
 * same query, so an incremental result and a rebuild are equal by construction (a test holds
 * them to it).
 *
 * Attribution: dimensions are the ticket's as it is now (a corrected type moves its facts, like
 * the other reports that join tickets); the agent is who did it: the replier for a reply, the
 * agent whose reply ended a response target (else the assignee), the assignee for a solve, a
 * reopen, a resolution and the creation, the agent the survey recorded, the agent who corrected.
 * Surveys keep the type, channel, agent and team CSAT copied at rating time.
 */

const arr = (values: readonly string[]) => sql.raw(`ARRAY[${values.map((v) => `'${v}'`).join(',')}]::text[]`);
const code = (values: readonly string[], expression: SQL) => sql`coalesce(array_position(${arr(values)}, ${expression}), 0)::smallint`;
/** A join to the agent and team keys (a hash join over a few rows, not a lookup per fact). */
const keyed = (alias: string, ref: SQL) => sql`LEFT JOIN report_keys ${sql.raw(alias)} ON ${sql.raw(alias)}.ref = ${ref}`;
const keyOf = (alias: string) => sql.raw(`coalesce(${alias}.id, 0)`);
const kind = (name: keyof typeof FACT_KINDS) => sql.raw(`${FACT_KINDS[name]}::smallint`);

/** Columns of report_facts, in table order: the queries below produce exactly these. */
export const FACT_COLUMNS = ['ticket_no', 'kind', 'ord', 'at', 'type', 'channel', 'priority', 'language', 'team', 'agent', 'outcome', 'detail', 'calendar_ms', 'business_ms'] as const;
export const SPAN_COLUMNS = ['ticket_no', 'ord', 'status', 'since', 'until', 'opened_at', 'type', 'channel', 'priority', 'language', 'team', 'agent'] as const;

/** The selected tickets with their dimensions as codes. */
const scoped = (scope: SQL) => sql`
  scoped AS MATERIALIZED (
    SELECT k.id, k.number AS ticket_no, k.created_at, k.status, k.assignee_id,
      ${code(TYPES, sql`k.type`)} AS type, ${code(CHANNELS, sql`k.channel`)} AS channel,
      ${code(PRIORITIES, sql`k.priority`)} AS priority, ${code(LANGUAGES, sql`k.classification->>'language'`)} AS language,
      coalesce(kt.id, 0) AS team, coalesce(ka.id, 0) AS assignee,
      ${code(TYPES, sql`k.classification->>'type'`)} AS model_type
    FROM tickets k LEFT JOIN report_keys kt ON kt.ref = k.team_id LEFT JOIN report_keys ka ON ka.ref = k.assignee_id
    WHERE ${scope}
  ),
  status_changes AS MATERIALIZED (
    SELECT s.ticket_no, e.created_at AS at, e.seq,
      e.data->'changes'->'status'->>'from' AS from_status, e.data->'changes'->'status'->>'to' AS to_status
    FROM scoped s JOIN events e ON e.ticket_id = s.id
    WHERE e.type = 'ticket.updated' AND e.data->'changes' ? 'status'
  )`;

const dims = sql`s.type, s.channel, s.priority, s.language, s.team`;

/** Every fact of the scoped tickets, in FACT_COLUMNS order. */
export function factsQuery(scope: SQL): SQL {
  const slaOutcome = code(SLA_OUTCOMES, sql`CASE WHEN t.status IN ('active', 'paused') THEN 'running' ELSE t.status END`);
  return sql`
    WITH ${scoped(scope)}
    SELECT s.ticket_no, ${kind('created')}, 1, s.created_at, ${dims}, s.assignee,
      (EXISTS (SELECT 1 FROM classification_corrections c WHERE c.ticket_id = s.id))::int::smallint, s.model_type, NULL::bigint, NULL::bigint
    FROM scoped s
    UNION ALL
    SELECT s.ticket_no, CASE WHEN c.to_status = 'solved' THEN ${kind('solved')} ELSE ${kind('reopened')} END,
      row_number() OVER (PARTITION BY s.ticket_no, c.to_status = 'solved' ORDER BY c.at, c.seq)::int, c.at, ${dims}, s.assignee,
      0::smallint, 0::smallint, NULL::bigint, NULL::bigint
    FROM scoped s JOIN status_changes c ON c.ticket_no = s.ticket_no
    WHERE c.to_status = 'solved' OR (c.from_status = 'solved' AND c.to_status <> 'closed')
    UNION ALL
    SELECT s.ticket_no, ${kind('reply')}, row_number() OVER (PARTITION BY s.ticket_no ORDER BY m.created_at, m.id)::int, m.created_at, ${dims},
      ${keyOf('km')}, 0::smallint, 0::smallint, NULL::bigint, NULL::bigint
    FROM scoped s JOIN messages m ON m.ticket_id = s.id ${keyed('km', sql`m.agent_id`)}
    WHERE m.author = 'agent' AND m.visibility = 'public'
    UNION ALL
    SELECT s.ticket_no, CASE t.metric WHEN 'first_response' THEN ${kind('first_response')} WHEN 'next_response' THEN ${kind('next_response')} ELSE ${kind('resolution')} END,
      t.cycle, t.started_at, ${dims},
      CASE WHEN t.metric <> 'resolution' AND t.completed_at IS NOT NULL THEN coalesce(
        (SELECT rk.id FROM messages m JOIN report_keys rk ON rk.ref = m.agent_id
         WHERE m.ticket_id = s.id AND m.author = 'agent' AND m.visibility = 'public' AND m.created_at = t.completed_at LIMIT 1),
        s.assignee) ELSE s.assignee END,
      ${slaOutcome}, 0::smallint,
      CASE WHEN t.completed_at IS NOT NULL THEN greatest(0, (extract(epoch FROM t.completed_at - t.started_at) * 1000)::bigint) END,
      CASE WHEN t.completed_at IS NOT NULL THEN t.elapsed_ms END
    FROM scoped s JOIN sla_targets t ON t.ticket_id = s.id
    UNION ALL
    SELECT s.ticket_no, ${kind('survey')}, row_number() OVER (PARTITION BY s.ticket_no ORDER BY v.sent_at, v.id)::int, v.sent_at,
      ${code(TYPES, sql`v.ticket_type`)}, ${code(CHANNELS, sql`v.channel`)}, s.priority, s.language, ${keyOf('kvt')}, ${keyOf('kva')},
      coalesce(v.rating, 0)::smallint, ${code(SURVEY_SLA, sql`v.sla_outcome`)}, NULL::bigint, NULL::bigint
    FROM scoped s JOIN surveys v ON v.ticket_id = s.id ${keyed('kvt', sql`v.team_id`)} ${keyed('kva', sql`v.agent_id`)}
    WHERE v.status IN ('sent', 'answered', 'expired') AND v.sent_at IS NOT NULL
    UNION ALL
    SELECT s.ticket_no, ${kind('correction')}, row_number() OVER (PARTITION BY s.ticket_no ORDER BY c.created_at, c.id)::int, c.created_at,
      ${code(TYPES, sql`c.agent_type`)}, s.channel, s.priority, s.language, s.team,
      CASE WHEN c.actor_type = 'agent' THEN ${keyOf('kc')} ELSE 0 END, 0::smallint, ${code(TYPES, sql`c.model_type`)}, NULL::bigint, NULL::bigint
    FROM scoped s JOIN classification_corrections c ON c.ticket_id = s.id ${keyed('kc', sql`c.actor_id`)}`;
}

/**
 * Each stretch in an open status: from creation in the status the first change left (or the
 * status now, if it never changed), then from each status change to the next. Stretches in
 * solved or closed are not kept; zero-length ones (two changes at one instant) neither.
 */
export function spansQuery(scope: SQL): SQL {
  const open = arr(OPEN_STATUSES);
  return sql`
    WITH ${scoped(scope)},
    first_change AS (
      SELECT DISTINCT ON (c.ticket_no) c.ticket_no, c.from_status FROM status_changes c ORDER BY c.ticket_no, c.at, c.seq
    ),
    history AS (
      SELECT s.ticket_no, s.created_at AS since, 0::bigint AS seq, coalesce(f.from_status, s.status) AS status
      FROM scoped s LEFT JOIN first_change f ON f.ticket_no = s.ticket_no
      UNION ALL
      SELECT c.ticket_no, c.at, c.seq, c.to_status FROM status_changes c
    ),
    stretches AS (
      SELECT h.*, lead(h.since) OVER (PARTITION BY h.ticket_no ORDER BY h.since, h.seq) AS until FROM history h
    )
    SELECT x.ticket_no, row_number() OVER (PARTITION BY x.ticket_no ORDER BY x.since, x.seq)::int, array_position(${open}, x.status)::smallint,
      x.since, x.until, s.created_at, ${dims}, s.assignee
    FROM stretches x JOIN scoped s ON s.ticket_no = x.ticket_no
    WHERE x.status = ANY(${open}) AND (x.until IS NULL OR x.until > x.since)`;
}

/** Agents and teams get their small keys before facts are computed (a handful of rows, often none new; no identity value is spent on the others). */
export const syncKeys = sql`
  INSERT INTO report_keys (ref)
  SELECT x.id FROM (SELECT id FROM agents UNION SELECT id FROM teams) x
  WHERE NOT EXISTS (SELECT 1 FROM report_keys rk WHERE rk.ref = x.id)
  ON CONFLICT (ref) DO NOTHING`;
