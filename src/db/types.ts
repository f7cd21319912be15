import { customType } from 'drizzle-orm/pg-core';

/** Postgres full-text vector; written with array_to_tsvector from our own tokens (see modules/search). */
export const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});
