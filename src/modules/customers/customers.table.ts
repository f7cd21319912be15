import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const customers = pgTable('customers', {
  id: text('id').primaryKey(),
  name: text('name'),
  email: text('email'),
  phone: text('phone'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  version: integer('version').notNull().default(1),
}, (t) => [index('customers_created_idx').on(t.createdAt, t.id)]);

/**
 * One customer, many identities: a handle or id per channel, an email, a phone. `channel` is ''
 * for channel-independent identities (email, phone) so the unique key needs no NULL handling.
 */
export const customerIdentities = pgTable('customer_identities', {
  id: text('id').primaryKey(),
  customerId: text('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['external_id', 'handle', 'email', 'phone'] }).notNull(),
  channel: text('channel').notNull().default(''),
  value: text('value').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
}, (t) => [
  uniqueIndex('customer_identities_key').on(t.kind, t.channel, t.value),
  index('customer_identities_customer_idx').on(t.customerId),
]);
