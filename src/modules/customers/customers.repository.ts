import { and, count, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { afterPosition, type KeysetPosition } from '../../db/keyset.ts';
import { tickets } from '../tickets/tickets.table.ts';
import { customerIdentities, customers } from './customers.table.ts';
import type { IdentityKey } from './identities.ts';

export type CustomerRow = typeof customers.$inferSelect;
export type IdentityRow = typeof customerIdentities.$inferSelect;

export function createCustomerRepository(db: Executor) {
  return {
    async insert(row: typeof customers.$inferInsert): Promise<CustomerRow> {
      const [inserted] = await db.insert(customers).values(row).returning();
      return inserted!;
    },
    /** On file, erased by a data-subject request (the privacy module's record), or unknown: one lookup. */
    async standingOf(id: string): Promise<'on_file' | 'erased' | 'missing'> {
      const result = await db.execute<{ erased: boolean }>(
        sql`SELECT EXISTS (SELECT 1 FROM customer_erasures e WHERE e.customer_id = c.id) AS erased FROM customers c WHERE c.id = ${id}`,
      );
      const row = result.rows[0];
      return !row ? 'missing' : row.erased ? 'erased' : 'on_file';
    },
    async findById(id: string): Promise<CustomerRow | undefined> {
      const [row] = await db.select().from(customers).where(eq(customers.id, id)).limit(1);
      return row;
    },
    /** The identities among `keys` that exist, with the customer each belongs to. */
    async findIdentities(keys: IdentityKey[]): Promise<IdentityRow[]> {
      if (keys.length === 0) return [];
      return db
        .select()
        .from(customerIdentities)
        .where(
          or(
            ...keys.map((key) =>
              and(eq(customerIdentities.kind, key.kind), eq(customerIdentities.channel, key.channel), eq(customerIdentities.value, key.value)),
            ),
          ),
        );
    },
    /**
     * Holds the customer row against an erasure until the transaction ends: KEY SHARE is what an
     * erasure's FOR UPDATE waits for (and what it holds off), while other customer writes pass.
     */
    async holdAgainstErasure(customerId: string): Promise<void> {
      await db.execute(sql`SELECT 1 FROM customers WHERE id = ${customerId} FOR KEY SHARE`);
    },
    /** Identities already held by someone else are left with them (no silent merge). */
    async addIdentities(rows: (typeof customerIdentities.$inferInsert)[]): Promise<void> {
      if (rows.length === 0) return;
      await db.insert(customerIdentities).values(rows).onConflictDoNothing();
    },
    async identitiesOf(customerId: string): Promise<IdentityRow[]> {
      return db.select().from(customerIdentities).where(eq(customerIdentities.customerId, customerId)).orderBy(customerIdentities.createdAt);
    },
    async update(id: string, set: Partial<typeof customers.$inferInsert>, expectedVersion?: number): Promise<CustomerRow | undefined> {
      const [row] = await db
        .update(customers)
        .set({ ...set, version: sql`${customers.version} + 1` })
        .where(and(eq(customers.id, id), expectedVersion === undefined ? undefined : eq(customers.version, expectedVersion)))
        .returning();
      return row;
    },
    async list(options: { limit: number; after?: KeysetPosition; q?: string }): Promise<CustomerRow[]> {
      const pattern = options.q ? `%${options.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
      return db
        .select()
        .from(customers)
        .where(
          and(
            afterPosition(customers.createdAt, customers.id, options.after),
            pattern
              ? or(
                  ilike(customers.name, pattern),
                  ilike(customers.email, pattern),
                  ilike(customers.phone, pattern),
                  inArray(
                    customers.id,
                    db.select({ id: customerIdentities.customerId }).from(customerIdentities).where(ilike(customerIdentities.value, pattern)),
                  ),
                )
              : undefined,
          ),
        )
        .orderBy(desc(customers.createdAt), desc(customers.id))
        .limit(options.limit);
    },
    /** Ticket counts by type and by open/closed, for the customer archive. */
    async ticketCounts(customerId: string) {
      const rows = await db
        .select({
          type: tickets.type,
          open: sql<boolean>`${tickets.status} NOT IN ('solved', 'closed')`,
          n: count(),
        })
        .from(tickets)
        .where(eq(tickets.customerId, customerId))
        .groupBy(tickets.type, sql`2`);
      const counts = { total: 0, open: 0, question: 0, complaint: 0, suggestion: 0, unclassified: 0 };
      for (const row of rows) {
        counts.total += row.n;
        if (row.open) counts.open += row.n;
        counts[row.type ?? 'unclassified'] += row.n;
      }
      return counts;
    },
  };
}

export type CustomerRepository = ReturnType<typeof createCustomerRepository>;
