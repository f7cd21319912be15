// `npm run search:rebuild`: re-tokenises every subject and message of the database `npm start`
// uses (DATABASE_URL, or the embedded Postgres in DATA_DIR) into their own search vectors. Once
// after upgrading past per-message search (migration 0016: older rows keep one vector per ticket
// until then, still found word by word over the whole ticket), and after a tokeniser change.
import { resolve } from 'node:path';
import { pino } from 'pino';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../src/infra/embedded-postgres.ts';
import { runMigrations } from '../src/db/migrate.ts';
import type { Executor } from '../src/db/client.ts';
import { rebuildSearchVectors } from '../src/modules/search/search-rebuild.ts';

const out = (text: string) => process.stdout.write(`${text}\n`);
let postgres: EmbeddedPostgresHandle | undefined;
const url = process.env.DATABASE_URL ?? (postgres = await startEmbeddedPostgres({ dataDir: resolve(process.env.DATA_DIR ?? './.data'), database: 'ticketing', logger: pino({ level: 'warn' }) })).url;
await runMigrations(url);
const pool = new pg.Pool({ connectionString: url, max: 1 });
try {
  const started = performance.now();
  const done = await rebuildSearchVectors(drizzle(pool) as unknown as Executor, (n) => {
    if (n % 100_000 === 0) out(`  ${n.toLocaleString('en')} tickets`);
  });
  await pool.query('ANALYZE tickets, messages');
  out(`search vectors rebuilt: ${done.tickets.toLocaleString('en')} tickets, ${done.messages.toLocaleString('en')} messages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await pool.end();
  await postgres?.stop();
}
