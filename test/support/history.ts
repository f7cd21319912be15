import { randomBytes } from 'node:crypto';
import type { Classifier } from '../../src/modules/classification/classifier.ts';
import type { Harness } from './harness.ts';
import type { GeneratedMessage } from './traffic.ts';

const BATCH = 2_000;
const id = (prefix: string, at: Date) => `${prefix}_${at.getTime().toString(32).padStart(9, '0')}${randomBytes(8).toString('hex')}`;

/**
 * History written straight into the database (one ticket, customer and first message per
 * generated message, classified by the real model as intake would), then indexed by the same
 * indexer the event relay runs: what detection reads is what live intake would have produced.
 */
export async function loadHistory(h: Harness, messages: GeneratedMessage[], classifier: Classifier): Promise<void> {
  const pool = h.container.db.pool;
  for (let i = 0; i < messages.length; i += BATCH) {
    const part = messages.slice(i, i + BATCH);
    const customers = part.map((m) => id('cus', m.receivedAt));
    const tickets = part.map((m) => id('tkt', m.receivedAt));
    const classifications = part.map((m) => classifier.classify(m.body));
    const at = part.map((m) => m.receivedAt.toISOString());
    await pool.query(
      `INSERT INTO customers (id, name, created_at, updated_at) SELECT c, 'generated', t, t FROM unnest($1::text[], $2::timestamptz[]) AS x(c, t)`,
      [customers, at],
    );
    await pool.query(
      `INSERT INTO tickets (id, subject, status, type, priority, channel, customer_id, classification, created_at, updated_at)
       SELECT k, left(b, 60), 'open', ty, 'normal', ch, c, cl::jsonb, t, t
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[]) AS x(k, b, ty, ch, c, cl, t)`,
      [tickets, part.map((m) => m.body), classifications.map((c) => c.type), part.map((m) => m.channel), customers, classifications.map((c) => JSON.stringify(c)), at],
    );
    await pool.query(
      `INSERT INTO messages (id, ticket_id, author, visibility, body, customer_id, channel, received_at, created_at)
       SELECT id, k, 'customer', 'public', b, c, ch, t, t FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[]) AS x(id, k, b, c, ch, t)`,
      [part.map((m) => id('msg', m.receivedAt)), tickets, part.map((m) => m.body), customers, part.map((m) => m.channel), at],
    );
  }
  await h.container.topics.backfill(h.container.db.db);
  await pool.query('ANALYZE message_signals; ANALYZE ticket_topics; ANALYZE messages');
}

let sequence = 0;

/** A generated message posted as a channel would: through intake, with its receivedAt. */
export async function post(h: Harness, message: GeneratedMessage, tag: string) {
  sequence++;
  const res = await h.http
    .post('/v1/inquiries')
    .set(h.auth)
    .send({ channel: message.channel, externalId: `${tag}-${sequence}`, customer: { externalId: `${tag}-user-${sequence}` }, body: message.body, receivedAt: message.receivedAt.toISOString() });
  if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${res.text}`);
  return res.body as { ticket: { id: string; type: string } };
}
