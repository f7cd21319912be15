import { eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Actor } from '../events/events.repository.ts';
import { customerNotFound } from '../customers/customers.errors.ts';
import { identityLockKey, type IdentityKey } from '../customers/identities.ts';
import { lockOn } from '../../db/unit-of-work.ts';
import { anonymiseTickets } from './anonymise.ts';
import { customerErasures } from './privacy.tables.ts';
import type { ErasureRow } from './erasure.presenter.ts';

const textArray = (values: readonly string[]) => sql`${sql.param(values)}::text[]`;

async function findErasure(db: Executor, customerId: string): Promise<ErasureRow | undefined> {
  const [row] = await db.select().from(customerErasures).where(eq(customerErasures.customerId, customerId)).limit(1);
  return row;
}

/**
 * Erasure of a customer (PIPL art. 47, GDPR art. 17), in one transaction: their tickets'
 * words go (anonymise.ts), their identities are deleted (a new message from the same address
 * starts a new customer), their name, email and phone are cleared, and stored answers to retried
 * writes that showed them (idempotency keys) are dropped. The customer row stays, empty: tickets,
 * reports and SLA history keep pointing at it. Recorded in customer_erasures, which makes it
 * happen once: a repeat answers the first record.
 */
export function createErasureService(deps: { db: Database; clock: Clock }) {
  return {
    find: (customerId: string) => findErasure(deps.db, customerId),

    /** 404 `customers.not_found` unless the customer exists (erased ones do). */
    async mustExist(customerId: string): Promise<void> {
      const found = await deps.db.execute(sql`SELECT 1 FROM customers WHERE id = ${customerId}`);
      if (found.rows.length === 0) throw customerNotFound(customerId);
    },

    async erase(customerId: string, reason: string, actor: Actor): Promise<ErasureRow> {
      const at = deps.clock.now();
      return deps.db.transaction(async (tx) => {
        // Intake and customer writes lock the identity they resolve by: holding every identity of
        // this customer, a message in flight from one of them commits first (and is erased with the
        // rest), and one arriving now waits, then finds no identity and starts a new customer.
        const { rows: identityRows } = await tx.execute<IdentityKey & Record<string, unknown>>(
          sql`SELECT kind, channel, value FROM customer_identities WHERE customer_id = ${customerId}`,
        );
        await lockOn(tx)(...identityRows.map(identityLockKey).sort());
        // The row lock waits for other writes in flight that reference the customer (their foreign
        // keys hold KEY SHARE on it) and holds off new ones until we commit; a repeat waits here too.
        const locked = await tx.execute(sql`SELECT id FROM customers WHERE id = ${customerId} FOR UPDATE`);
        if (locked.rows.length === 0) throw customerNotFound(customerId);
        const done = await findErasure(tx, customerId);
        if (done) return done;

        const { rows } = await tx.execute<{ id: string }>(sql`SELECT id FROM tickets WHERE customer_id = ${customerId} ORDER BY id FOR UPDATE`);
        const ticketIds = rows.map((row) => row.id);
        const counts = await anonymiseTickets(tx, ticketIds, at);
        const identities = await tx.execute(sql`DELETE FROM customer_identities WHERE customer_id = ${customerId}`);
        await tx.execute(sql`
          UPDATE customers SET name = NULL, email = NULL, phone = NULL, updated_at = ${at}, version = version + 1 WHERE id = ${customerId}`);
        // A retried write with the same key would answer the stored response, names and texts and all.
        await tx.execute(sql`
          DELETE FROM idempotency_keys
          WHERE EXISTS (SELECT 1 FROM unnest(${textArray([customerId, ...ticketIds])}) AS ref WHERE strpos(response_body::text, ref) > 0)`);
        const [erasure] = await tx
          .insert(customerErasures)
          .values({
            customerId,
            reason,
            actorType: actor.type,
            actorId: actor.id,
            erasedAt: at,
            tickets: counts.tickets,
            messages: counts.messages,
            identities: identities.rowCount ?? 0,
            surveys: counts.surveys,
            events: counts.events,
          })
          .returning();
        // The audit log has this erasure as `customers.erase`: its pending row is committed by the HTTP hook before this runs, sealed with the status after (src/modules/audit/).
        return erasure!;
      });
    },
  };
}

export type ErasureService = ReturnType<typeof createErasureService>;
