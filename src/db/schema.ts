// Barrel of every table: drizzle-kit reads it to generate migrations, the client to type queries.
export * from '../modules/customers/customers.table.ts';
export * from '../modules/teams/teams.table.ts';
export * from '../modules/agents/agents.table.ts';
export * from '../modules/auth/api-keys.table.ts';
export * from '../modules/tickets/tickets.table.ts';
export * from '../modules/messages/messages.table.ts';
export * from '../modules/events/events.table.ts';
export * from '../http/idempotency.table.ts';
export * from '../modules/classification/corrections.table.ts';
export * from '../modules/sla/sla.tables.ts';
export * from '../modules/calendars/calendars.table.ts';
export * from '../modules/csat/csat.tables.ts';
export * from '../modules/auth/sessions.table.ts';
export * from '../modules/auth/sign-in-throttle.table.ts';
export * from '../modules/tickets/bulk-jobs.table.ts';
export * from '../modules/reports/reports.tables.ts';
