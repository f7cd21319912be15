import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pino } from 'pino';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../src/infra/embedded-postgres.ts';
import { startRedisServer, type RedisServerHandle } from '../../src/infra/redis-server.ts';
import { freePort } from '../../src/infra/free-port.ts';
import { makeRunDir } from '../../src/infra/run-dir.ts';
import { spawnTied } from '../../src/infra/tied-spawn.ts';
import { runMigrations } from '../../src/db/migrate.ts';

/**
 * The service as production runs it, on loopback: a Postgres and a Redis, an API process
 * (`src/main.ts`) and a worker process (`src/worker.ts`). The fault runner kills and restarts
 * these pieces; `restartWorker` plays the orchestrator that restarts a killed worker.
 */
export interface Stack {
  url: string;
  adminKey: string;
  databaseUrl: string;
  redisUrl: string;
  postgres: EmbeddedPostgresHandle;
  redis: RedisServerHandle;
  api: ChildProcess;
  worker: ChildProcess;
  /** Times the API process exited by itself: it must never happen. */
  apiExits: number;
  /** `restartingAt`: when the restart began; the server may answer from then on, `upAt` at the latest. */
  killRedis(options: { restartAfterMs: number; empty?: boolean }): Promise<{ downAt: number; upAt: number; restartingAt: number }>;
  killPostgres(options: { restartAfterMs: number }): Promise<{ downAt: number; upAt: number; restartingAt: number }>;
  killWorker(options: { restartAfterMs: number }): Promise<{ downAt: number; upAt: number }>;
  stop(): Promise<void>;
}

const logger = pino({ level: process.env.FAULTS_LOG_LEVEL ?? 'silent' });

/** Resolves when the process prints a pino line with this message (or rejects if it exits first). */
function waitForLog(child: ChildProcess, message: string, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`no "${message}" within ${timeoutMs} ms`)), timeoutMs);
    lines.on('line', (line) => {
      if (line.includes(`"msg":"${message}"`)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`exited (${code}) before "${message}"`)));
  });
}

export async function startStack(): Promise<Stack> {
  const runDir = makeRunDir('ticketing-faults-');
  const [postgresPort, redisPort, apiPort] = [await freePort(), await freePort(), await freePort()];
  let postgres = await startEmbeddedPostgres({ dataDir: runDir.path, database: 'faults', logger, port: postgresPort });
  let redis = await startRedisServer({ dataDir: runDir.path, logger, port: redisPort });
  await runMigrations(postgres.url);
  const adminKey = `tk_faults_${randomBytes(24).toString('hex')}`;
  const env = {
    ...process.env,
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    ADMIN_API_KEY: adminKey,
    PORT: String(apiPort),
    LOG_LEVEL: 'info',
    QUEUE_PREFIX: 'faults',
  };
  const spawnRole = (entry: string) => {
    const child = spawnTied(process.execPath, ['--import', 'tsx', entry], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    // Keep the pipe drained (a full pipe would stall the process); FAULTS_LOGS=<file> keeps the lines.
    child.stdout!.on('data', (chunk: Buffer) => {
      if (process.env.FAULTS_LOGS) appendFileSync(process.env.FAULTS_LOGS, chunk);
    });
    return child;
  };

  let stopping = false;
  const stack: Stack = {
    url: `http://127.0.0.1:${apiPort}`,
    adminKey,
    databaseUrl: postgres.url,
    redisUrl: redis.url,
    postgres,
    redis,
    api: spawnRole('src/main.ts'),
    worker: spawnRole('src/worker.ts'),
    apiExits: 0,

    async killRedis({ restartAfterMs, empty }) {
      if (empty) {
        const { Redis } = await import('ioredis');
        const client = new Redis(redis.url);
        await client.flushall(); // logged to the AOF: the restarted server comes back empty
        client.disconnect();
      }
      const downAt = Date.now();
      await redis.child.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, restartAfterMs));
      const restartingAt = Date.now();
      redis = await startRedisServer({ dataDir: runDir.path, logger, port: redisPort });
      stack.redis = redis;
      return { downAt, upAt: Date.now(), restartingAt };
    },

    async killPostgres({ restartAfterMs }) {
      const downAt = Date.now();
      await postgres.child.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, restartAfterMs));
      const restartingAt = Date.now();
      postgres = await startEmbeddedPostgres({ dataDir: runDir.path, database: 'faults', logger, port: postgresPort });
      stack.postgres = postgres;
      return { downAt, upAt: Date.now(), restartingAt };
    },

    async killWorker({ restartAfterMs }) {
      const downAt = Date.now();
      const exited = new Promise((r) => stack.worker.once('exit', r));
      stack.worker.kill('SIGKILL');
      await exited;
      await new Promise((r) => setTimeout(r, restartAfterMs));
      stack.worker = spawnRole('src/worker.ts');
      await waitForLog(stack.worker, 'worker started');
      return { downAt, upAt: Date.now() };
    },

    async stop() {
      stopping = true;
      const exits = [stack.api, stack.worker].map((child) =>
        child.exitCode === null ? new Promise((r) => child.once('exit', r)) : Promise.resolve(),
      );
      stack.api.kill('SIGTERM');
      stack.worker.kill('SIGTERM');
      await Promise.all(exits);
      await Promise.allSettled([postgres.stop(), redis.stop()]);
      runDir.remove();
    },
  };
  const watchApi = (child: ChildProcess) =>
    child.once('exit', () => {
      if (stopping) return;
      stack.apiExits++;
      stack.api = spawnRole('src/main.ts'); // an orchestrator would; the run fails anyway
      watchApi(stack.api);
    });
  watchApi(stack.api);
  await Promise.all([waitForLog(stack.api, 'Server listening at ' + stack.url).catch(() => waitUntilReady(stack.url)), waitForLog(stack.worker, 'worker started')]);
  return stack;
}

async function waitUntilReady(url: string) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the API did not become ready');
}
