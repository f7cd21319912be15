import type pg from 'pg';
import { presentEvent } from '../events/events.presenter.ts';
import { presentErasure } from './erasure.presenter.ts';

const PAGE = 500;
const iso = (value: Date | null) => (value ? value.toISOString() : null);

interface Section {
  name: string;
  /** One page after `after` (null: the first), in key order. */
  sql: string;
  key: (row: Record<string, unknown>) => unknown;
  present: (row: Record<string, unknown>) => unknown;
}

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// The customer's tickets: every section below is about them (messages.customer_id always names the ticket's customer).
const OF_TICKETS = 'SELECT id FROM tickets WHERE customer_id = $1';

function sections(showSurveyLinks: boolean): Section[] {
  return [
    {
      name: 'tickets',
      sql: `SELECT id, number, subject, status, type, priority, channel, customer_id, assignee_id, team_id, tags, thread_id, classification,
              created_at, updated_at, solved_at, closed_at, anonymised_at
            FROM tickets WHERE customer_id = $1 AND ($2::text IS NULL OR id > $2) ORDER BY id LIMIT ${PAGE}`,
      key: (r: Row) => r.id,
      present: (r: Row) => ({
        id: r.id, number: Number(r.number), subject: r.subject, status: r.status, type: r.type, priority: r.priority, channel: r.channel,
        customerId: r.customer_id, assigneeId: r.assignee_id, teamId: r.team_id, tags: r.tags, threadId: r.thread_id,
        classification: r.classification, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at), solvedAt: iso(r.solved_at),
        closedAt: iso(r.closed_at), anonymisedAt: iso(r.anonymised_at),
      }),
    },
    {
      name: 'messages',
      sql: `SELECT id, ticket_id, author, visibility, body, agent_id, customer_id, channel, external_id, received_at, created_at
            FROM messages WHERE ticket_id IN (${OF_TICKETS}) AND ($2::text IS NULL OR id > $2) ORDER BY id LIMIT ${PAGE}`,
      key: (r: Row) => r.id,
      present: (r: Row) => ({
        id: r.id, ticketId: r.ticket_id, author: r.author, visibility: r.visibility, body: r.body, agentId: r.agent_id,
        customerId: r.customer_id, channel: r.channel, externalId: r.external_id, receivedAt: iso(r.received_at), createdAt: iso(r.created_at),
      }),
    },
    {
      name: 'surveys',
      sql: `SELECT s.id, s.ticket_id, s.status, s.language, s.rating, s.comment, s.reasons, s.sent_at, s.answered_at,
              coalesce((SELECT json_agg(json_build_object('rating', r.rating, 'comment', r.comment, 'reasons', r.reasons, 'createdAt', r.created_at) ORDER BY r.created_at)
                        FROM survey_responses r WHERE r.survey_id = s.id), '[]') AS responses
            FROM surveys s WHERE s.ticket_id IN (${OF_TICKETS}) AND ($2::text IS NULL OR s.id > $2) ORDER BY s.id LIMIT ${PAGE}`,
      key: (r: Row) => r.id,
      present: (r: Row) => ({
        id: r.id, ticketId: r.ticket_id, status: r.status, language: r.language, rating: r.rating, comment: r.comment, reasons: r.reasons,
        sentAt: iso(r.sent_at), answeredAt: iso(r.answered_at),
        responses: (r.responses as Row[]).map((x) => ({ ...x, createdAt: new Date(x.createdAt).toISOString() })),
      }),
    },
    {
      name: 'events',
      sql: `SELECT seq::text AS seq, id, type, ticket_id, actor_type, actor_id, data, created_at
            FROM events WHERE ticket_id IN (${OF_TICKETS}) AND ($2::text IS NULL OR seq > $2::bigint) ORDER BY seq LIMIT ${PAGE}`,
      key: (r: Row) => r.seq,
      present: (r: Row) =>
        presentEvent({ id: r.id, type: r.type, ticketId: r.ticket_id, actorType: r.actor_type, actorId: r.actor_id, data: r.data, createdAt: r.created_at }, showSurveyLinks),
    },
    {
      name: 'topics',
      sql: `SELECT ticket_id, message_id, topic, label, received_at, ticket_id || ' ' || topic AS k
            FROM ticket_topics WHERE ticket_id IN (${OF_TICKETS}) AND ($2::text IS NULL OR ticket_id || ' ' || topic > $2) ORDER BY k LIMIT ${PAGE}`,
      key: (r: Row) => r.k,
      present: (r: Row) => ({ ticketId: r.ticket_id, messageId: r.message_id, topic: r.topic, label: r.label, receivedAt: iso(r.received_at) }),
    },
    {
      name: 'signals',
      sql: `SELECT message_id, ticket_id, channel, negative, received_at
            FROM message_signals WHERE ticket_id IN (${OF_TICKETS}) AND ($2::text IS NULL OR message_id > $2) ORDER BY message_id LIMIT ${PAGE}`,
      key: (r: Row) => r.message_id,
      present: (r: Row) => ({ messageId: r.message_id, ticketId: r.ticket_id, channel: r.channel, negative: r.negative, receivedAt: iso(r.received_at) }),
    },
    {
      name: 'outcomes',
      sql: `SELECT ticket_id, type, note, topic, tags, published_at
            FROM published_outcomes WHERE ticket_id IN (${OF_TICKETS}) AND ($2::text IS NULL OR ticket_id > $2) ORDER BY ticket_id LIMIT ${PAGE}`,
      key: (r: Row) => r.ticket_id,
      present: (r: Row) => ({ ticketId: r.ticket_id, type: r.type, note: r.note, topic: r.topic, tags: r.tags, publishedAt: iso(r.published_at) }),
    },
  ];
}

/** The customer with their identities, and the erasure record when there is one, from the export's snapshot. */
async function head(client: pg.PoolClient, customerId: string) {
  const { rows: [c] } = await client.query<Row>('SELECT id, name, email, phone, created_at, updated_at, version FROM customers WHERE id = $1', [customerId]);
  const { rows: identities } = await client.query<Row>(
    'SELECT kind, channel, value, created_at FROM customer_identities WHERE customer_id = $1 ORDER BY created_at, id',
    [customerId],
  );
  const { rows: [e] } = await client.query<Row>(
    `SELECT customer_id AS "customerId", reason, actor_type AS "actorType", actor_id AS "actorId", erased_at AS "erasedAt",
       tickets, messages, identities, surveys, events FROM customer_erasures WHERE customer_id = $1`,
    [customerId],
  );
  const customer = c && {
    id: c.id, name: c.name, email: c.email, phone: c.phone,
    identities: identities.map((i) => ({ kind: i.kind, channel: i.channel === '' ? null : i.channel, value: i.value, createdAt: iso(i.created_at) })),
    createdAt: iso(c.created_at), updatedAt: iso(c.updated_at), version: c.version,
  };
  return { customer, erasure: e ? presentErasure(e as never) : null };
}

/**
 * The export document (privacy.schemas CustomerExportSchema), written as it is read: each section
 * in keyset pages of 500, so a customer with years of history costs one page of memory. All pages
 * come from one repeatable-read, read-only transaction: the document is one consistent snapshot.
 * The caller has checked that the customer exists; the client is released when the stream ends
 * (or the reader goes away: the generator's `finally` runs on destroy).
 */
export async function* customerExport(
  pool: pg.Pool,
  customerId: string,
  options: { showSurveyLinks: boolean; exportedAt: Date },
): AsyncGenerator<string> {
  const client = await pool.connect();
  let failed = false;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { customer, erasure } = await head(client, customerId);
    yield `{"exportedAt":${JSON.stringify(options.exportedAt.toISOString())},"customer":${JSON.stringify(customer)},"erasure":${JSON.stringify(erasure)}`;
    for (const section of sections(options.showSurveyLinks)) {
      yield `,${JSON.stringify(section.name)}:[`;
      let after: unknown = null;
      let first = true;
      for (;;) {
        const { rows } = await client.query<Row>(section.sql, [customerId, after]);
        if (rows.length === 0) break;
        const chunk = rows.map((row) => JSON.stringify(section.present(row))).join(',');
        yield first ? chunk : `,${chunk}`;
        first = false;
        after = section.key(rows[rows.length - 1]!);
        if (rows.length < PAGE) break;
      }
      yield ']';
    }
    yield '}';
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    await client.query(failed ? 'ROLLBACK' : 'COMMIT').catch(() => undefined);
    client.release();
  }
}
