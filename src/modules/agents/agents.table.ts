import { boolean, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { teams } from '../teams/teams.table.ts';

export const agents = pgTable('agents', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Stored lower-cased: sign-in compares case-insensitively. */
  email: text('email').notNull(),
  role: text('role', { enum: ['admin', 'lead', 'agent'] }).notNull(),
  teamId: text('team_id').references(() => teams.id, { onDelete: 'set null' }),
  passwordHash: text('password_hash').notNull(),
  active: boolean('active').notNull().default(true),
  /** Round-robin routing skips an agent who is away. */
  status: text('status', { enum: ['available', 'away'] }).notNull().default('available'),
  /** Round-robin routing skips an agent with this many open tickets (null: no cap). */
  loadCap: integer('load_cap'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  version: integer('version').notNull().default(1),
}, (t) => [uniqueIndex('agents_email_key').on(t.email)]);
