// `npm run db:migrate`: the one-shot migration step of a production deployment (docker compose).
import { parseEnv } from '../config/env.ts';
import { runMigrations } from './migrate.ts';

const env = parseEnv();
if (!env.DATABASE_URL) {
  process.stderr.write('DATABASE_URL: required for db:migrate\n');
  process.exit(1);
}
await runMigrations(env.DATABASE_URL);
process.stdout.write('migrations applied\n');
