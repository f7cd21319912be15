import { customType } from 'drizzle-orm/pg-core';

/** Postgres full-text vector; written with array_to_tsvector from our own tokens (see modules/search). */
export const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});

/** A 64-bit transaction id (`pg_current_xact_id()`), read as text: it orders the event relay. */
export const xid8 = customType<{ data: string }>({
  dataType: () => 'xid8',
});
