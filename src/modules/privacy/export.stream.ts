import type pg from 'pg';
import { presentEvent } from '../events/events.presenter.ts';
import { presentErasure } from './erasure.presenter.ts';

const PAGE = 500;
const iso = (value: Date | null) => (value ? value.toISOString() : null);

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * One section of the document: a keyset-paged query over one scope (the customer for tickets, a
 * ticket for the rest), each written to match an index whose leading column is the scope's, so
 * no page walks a table in key order looking for the scope's rows. `$1` is the scope, `$2`… the
 * last row's key (nulls for the first page).
 */
interface Section {
  name: string;
  sql: string;
  first: unknown[];
  key: (row: Row) => unknown[];
  present: (row: Row) => unknown;
}

// Times as Postgres text in keys: microseconds survive (a JS Date would round them and skip rows).
const AFTER_TIME = '($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::text))';

const TICKETS: Section = {
  name: 'tickets',
  sql: `SELECT id, number, subject, status, type, priority, channel, customer_id, assignee_id, team_id, tags, thread_id, classification,
          created_at, updated_at, solved_at, closed_at, anonymised_at, created_at::text AS created_key
        FROM tickets WHERE customer_id = $1 AND ${AFTER_TIME} ORDER BY created_at, id LIMIT ${PAGE}`,
  first: [null, null],
  key: (r) => [r.created_key, r.id],
  present: (r) => ({
    id: r.id, number: Number(r.number), subject: r.subject, status: r.status, type: r.type, priority: r.priority, channel: r.channel,
    customerId: r.customer_id, assigneeId: r.assignee_id, teamId: r.team_id, tags: r.tags, threadId: r.thread_id,
    classification: r.classification, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at), solvedAt: iso(r.solved_at),
    closedAt: iso(r.closed_at), anonymisedAt: iso(r.anonymised_at),
  }),
};

/** The sections about each of the customer's tickets (messages.customer_id always names the ticket's customer). */
function ticketSections(showSurveyLinks: boolean): Section[] {
  return [
    {
      name: 'messages',
      sql: `SELECT id, ticket_id, author, visibility, body, agent_id, customer_id, channel, external_id, received_at, created_at, created_at::text AS created_key
            FROM messages WHERE ticket_id = $1 AND ${AFTER_TIME} ORDER BY created_at, id LIMIT ${PAGE}`,
      first: [null, null],
      key: (r) => [r.created_key, r.id],
      present: (r) => ({
        id: r.id, ticketId: r.ticket_id, author: r.author, visibility: r.visibility, body: r.body, agentId: r.agent_id,
        customerId: r.customer_id, channel: r.channel, externalId: r.external_id, receivedAt: iso(r.received_at), createdAt: iso(r.created_at),
      }),
    },
    {
      name: 'surveys',
      sql: `SELECT s.id, s.ticket_id, s.status, s.language, s.rating, s.comment, s.reasons, s.sent_at, s.answered_at, s.created_at::text AS created_key,
              coalesce((SELECT json_agg(json_build_object('rating', r.rating, 'comment', r.comment, 'reasons', r.reasons, 'createdAt', r.created_at) ORDER BY r.created_at)
                        FROM survey_responses r WHERE r.survey_id = s.id), '[]') AS responses
            FROM surveys s WHERE s.ticket_id = $1 AND ($2::timestamptz IS NULL OR (s.created_at, s.id) > ($2::timestamptz, $3::text))
            ORDER BY s.created_at, s.id LIMIT ${PAGE}`,
      first: [null, null],
      key: (r) => [r.created_key, r.id],
      present: (r) => ({
        id: r.id, ticketId: r.ticket_id, status: r.status, language: r.language, rating: r.rating, comment: r.comment, reasons: r.reasons,
        sentAt: iso(r.sent_at), answeredAt: iso(r.answered_at),
        responses: (r.responses as Row[]).map((x) => ({ ...x, createdAt: new Date(x.createdAt).toISOString() })),
      }),
    },
    {
      name: 'events',
      sql: `SELECT seq::text AS seq, id, type, ticket_id, actor_type, actor_id, data, created_at
            FROM events WHERE ticket_id = $1 AND seq > $2::bigint ORDER BY seq LIMIT ${PAGE}`,
      first: ['0'],
      key: (r) => [r.seq],
      present: (r) =>
        presentEvent({ id: r.id, type: r.type, ticketId: r.ticket_id, actorType: r.actor_type, actorId: r.actor_id, data: r.data, createdAt: r.created_at }, showSurveyLinks),
    },
    {
      name: 'topics',
      sql: `SELECT ticket_id, message_id, topic, label, received_at FROM ticket_topics
            WHERE ticket_id = $1 AND ($2::text IS NULL OR topic > $2) ORDER BY topic LIMIT ${PAGE}`,
      first: [null],
      key: (r) => [r.topic],
      present: (r) => ({ ticketId: r.ticket_id, messageId: r.message_id, topic: r.topic, label: r.label, receivedAt: iso(r.received_at) }),
    },
    {
      name: 'signals',
      sql: `SELECT message_id, ticket_id, channel, negative, received_at FROM message_signals
            WHERE ticket_id = $1 AND ($2::text IS NULL OR message_id > $2) ORDER BY message_id LIMIT ${PAGE}`,
      first: [null],
      key: (r) => [r.message_id],
      present: (r) => ({ messageId: r.message_id, ticketId: r.ticket_id, channel: r.channel, negative: r.negative, receivedAt: iso(r.received_at) }),
    },
    {
      name: 'outcomes',
      sql: `SELECT id, ticket_id, type, note, topic, tags, published_at FROM published_outcomes
            WHERE ticket_id = $1 AND ($2::text IS NULL OR id > $2) ORDER BY id LIMIT ${PAGE}`,
      first: [null],
      key: (r) => [r.id],
      present: (r) => ({ ticketId: r.ticket_id, type: r.type, note: r.note, topic: r.topic, tags: r.tags, publishedAt: iso(r.published_at) }),
    },
  ];
}

/** A section's rows for one scope, page by page, each page already JSON (comma-joined). */
async function* pagesOf(client: pg.PoolClient, section: Section, scope: string, onRow?: (row: Row) => void): AsyncGenerator<string> {
  let after = section.first;
  for (;;) {
    const { rows } = await client.query<Row>(section.sql, [scope, ...after]);
    if (rows.length === 0) return;
    if (onRow) rows.forEach(onRow);
    yield rows.map((row) => JSON.stringify(section.present(row))).join(',');
    if (rows.length < PAGE) return;
    after = section.key(rows[rows.length - 1]!);
  }
}

/** `"name":[…]` from chunks of comma-joined items. */
async function* jsonArray(name: string, chunks: AsyncIterable<string>): AsyncGenerator<string> {
  yield `,${JSON.stringify(name)}:[`;
  let first = true;
  for await (const chunk of chunks) {
    yield first ? chunk : `,${chunk}`;
    first = false;
  }
  yield ']';
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
 * in keyset pages of 500 (per ticket after the tickets), so a customer with years of history costs
 * one page of memory and the list of their ticket ids. All pages
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
    // The tickets' ids are kept to walk them once per section: ids only, the rows are not.
    const ticketIds: string[] = [];
    yield* jsonArray('tickets', pagesOf(client, TICKETS, customerId, (row) => ticketIds.push(row.id)));
    for (const section of ticketSections(options.showSurveyLinks)) {
      yield* jsonArray(
        section.name,
        (async function* () {
          for (const ticketId of ticketIds) yield* pagesOf(client, section, ticketId);
        })(),
      );
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
