// `npm run suggestions:rebuild`: builds the suggested answers' index from every solved ticket in the
// database `npm start` uses (DATABASE_URL, or the embedded Postgres in DATA_DIR), replacing what it
// held. For history loaded straight into the database (seed:bulk does it itself) and for a database
// upgraded from before suggestions (the relay indexes what is solved from then on). Run it with the
// service stopped.
import { resolve } from 'node:path';
import { pino } from 'pino';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../src/infra/embedded-postgres.ts';
import { runMigrations } from '../src/db/migrate.ts';
import type { Executor } from '../src/db/client.ts';
import { rebuildAnswerIndex } from '../src/modules/suggestions/answer-rebuild.ts';

const out = (text: string) => process.stdout.write(`${text}\n`);

/** Rebuilds the index on `url` (migrated first); `onlyIfEmpty`: leaves a built index alone. */
export async function rebuildOn(url: string, options: { onlyIfEmpty?: boolean } = {}): Promise<void> {
  await runMigrations(url);
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    const db = drizzle(pool) as unknown as Executor;
    if (options.onlyIfEmpty) {
      const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM suggestion_indexed');
      if (Number(rows[0]!.n) > 0) {
        out(`suggestions: index present (${Number(rows[0]!.n).toLocaleString('en')} tickets)`);
        return;
      }
    }
    const started = performance.now();
    const built = await rebuildAnswerIndex(db, (done, answers) => {
      if (done % 100_000 < 20_000) out(`  suggestions: ${done.toLocaleString('en')} tickets read, ${answers.toLocaleString('en')} answers`);
    });
    out(`suggestions: ${built.tickets.toLocaleString('en')} solved tickets in ${built.answers.toLocaleString('en')} answers (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    await pool.end();
  }
}

/** Runs `work` on the database `npm start` uses. */
export async function withServiceDatabase(work: (url: string) => Promise<void>): Promise<void> {
  let postgres: EmbeddedPostgresHandle | undefined;
  const url = process.env.DATABASE_URL ?? (postgres = await startEmbeddedPostgres({ dataDir: resolve(process.env.DATA_DIR ?? './.data'), database: 'ticketing', logger: pino({ level: 'warn' }) })).url;
  try {
    await work(url);
  } finally {
    await postgres?.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await withServiceDatabase((url) => rebuildOn(url));
