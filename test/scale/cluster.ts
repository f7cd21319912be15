import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../src/infra/embedded-postgres.ts';
import { startRedisServer, type RedisServerHandle } from '../../src/infra/redis-server.ts';
import { freePort } from '../../src/infra/free-port.ts';
import { makeRunDir } from '../../src/infra/run-dir.ts';
import { runMigrations } from '../../src/db/migrate.ts';
import { spawnRole, type RoleProcess } from '../support/role-process.ts';

/** One role's process slot: the orchestrator replaces the process in it on a restart. */
export interface Slot {
  name: string;
  entry: 'src/main.ts' | 'src/worker.ts';
  url?: string;
  process: RoleProcess;
  /** Every shutdown of this slot: exit code and how long SIGTERM took. */
  shutdowns: { code: number | null; ms: number }[];
}

export interface Cluster {
  databaseUrl: string;
  redisUrl: string;
  adminKey: string;
  prefix: string;
  apis: Slot[];
  workers: Slot[];
  /** SIGTERM, wait for the exit, start a new process in the slot and wait until it serves. */
  restart(slot: Slot): Promise<{ code: number | null; ms: number; downMs: number }>;
  /** Log lines at warn or above (a starved machine warns: slow crisis detection, a 503), and at error or above. */
  problems(): { warnings: string[]; errors: string[] };
  /** SIGTERM to every process, then the servers; each process's exit code. */
  stop(): Promise<{ name: string; code: number | null }[]>;
}

const silent = pino({ level: 'silent' });
/** The bound the roles get; a rolling restart must not come near it. */
export const SHUTDOWN_TIMEOUT_MS = 20_000;

/**
 * Two API processes and two worker processes (the production entry points) against one real
 * Postgres and one real Redis, on loopback; the Redis keys under a Cluster hash tag prefix.
 */
export async function startCluster(options: { apis: number; workers: number; webhookHosts: string }): Promise<Cluster> {
  const runDir = makeRunDir('ticketing-scale-');
  const postgres: EmbeddedPostgresHandle = await startEmbeddedPostgres({ dataDir: runDir.path, database: 'scale', logger: silent, port: await freePort() });
  const redis: RedisServerHandle = await startRedisServer({ dataDir: runDir.path, logger: silent, port: await freePort() });
  await runMigrations(postgres.url);
  const adminKey = `tk_scale_${randomBytes(24).toString('hex')}`;
  const prefix = '{scale}';
  const baseEnv = {
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    ADMIN_API_KEY: adminKey,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_MINUTE: '0',
    WEBHOOK_ALLOWED_HOSTS: options.webhookHosts,
    SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
  };
  const logFile = process.env.SCALE_LOGS;
  const history: RoleProcess[] = [];

  const launch = async (slot: Omit<Slot, 'process'>): Promise<RoleProcess> => {
    const port = slot.url ? new URL(slot.url).port : undefined;
    const role = spawnRole(slot.entry, { ...baseEnv, ...(port ? { PORT: port } : {}) }, logFile ? { logFile } : {});
    history.push(role);
    await role.waitForLog(slot.entry === 'src/main.ts' ? 'Server listening' : 'worker started');
    return role;
  };
  const slots = async (count: number, entry: Slot['entry'], name: string): Promise<Slot[]> =>
    Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const base = { name: `${name} ${i + 1}`, entry, shutdowns: [], ...(entry === 'src/main.ts' ? { url: `http://127.0.0.1:${await freePort()}` } : {}) };
        return { ...base, process: await launch(base) };
      }),
    );
  // The API processes bootstrap the same admin key and first agent at once: that must be safe too.
  const apis = await slots(options.apis, 'src/main.ts', 'api');
  const workers = await slots(options.workers, 'src/worker.ts', 'worker');

  return {
    databaseUrl: postgres.url,
    redisUrl: redis.url,
    adminKey,
    prefix,
    apis,
    workers,
    async restart(slot) {
      const at = Date.now();
      slot.process.child.kill('SIGTERM');
      const { code, at: exitedAt } = await slot.process.exited;
      const shutdown = { code, ms: exitedAt - at };
      slot.shutdowns.push(shutdown);
      slot.process = await launch(slot);
      return { ...shutdown, downMs: Date.now() - at };
    },
    problems() {
      const lines = (pick: (role: RoleProcess) => string[]) => history.flatMap((role, i) => pick(role).map((msg) => `process ${i + 1}: ${msg}`));
      return { warnings: lines((role) => role.problems), errors: lines((role) => role.errors) };
    },
    async stop() {
      const all = [...apis, ...workers];
      const codes = await Promise.all(
        all.map(async (slot) => {
          if (slot.process.child.exitCode === null) slot.process.child.kill('SIGTERM');
          return { name: slot.name, code: (await slot.process.exited).code };
        }),
      );
      await Promise.allSettled([postgres.stop(), redis.stop()]);
      runDir.remove();
      return codes;
    },
  };
}
