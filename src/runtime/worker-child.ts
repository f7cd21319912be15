import type { ChildProcess } from 'node:child_process';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { StartupError } from '../infra/commands.ts';
import { spawnTied } from '../infra/tied-spawn.ts';

/** What `src/worker.ts` tells the process that started it, once its queues and relay run. */
export const WORKER_READY = 'worker-ready';

const MAX_BACKOFF_MS = 5_000;
const START_TIMEOUT_MS = 60_000;

/**
 * `npm start`'s worker role in a process of its own (`src/worker.ts`, as `npm run start:worker`
 * runs it in production), so the relay's batches, the SLA storm and the crisis detector take
 * another core's time and never stall the API's event loop (an intake waited behind a relay
 * batch of 500 events). It is tied to us (it dies with us) and restarted when it dies alone.
 */
export async function startWorkerChild(options: { databaseUrl: string; redisUrl: string; logger: Logger; env?: Record<string, string> }) {
  const log = options.logger.child({ component: 'worker' });
  const entry = fileURLToPath(new URL(`../worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url));
  let current: ChildProcess | undefined;
  let stopping = false;

  const launch = () =>
    new Promise<ChildProcess>((resolve, reject) => {
      // The same Node flags as ours (`--import tsx` under npm start; a CPU profile in the bench),
      // and the TypeScript loader whenever we run from source without it (tests).
      const loader = entry.endsWith('.ts') && !process.execArgv.some((flag) => flag.includes('tsx')) ? ['--import', 'tsx'] : [];
      const child = spawnTied(process.execPath, [...process.execArgv, ...loader, entry], {
        env: { ...process.env, ...options.env, DATABASE_URL: options.databaseUrl, REDIS_URL: options.redisUrl },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new StartupError(`the worker was not ready within ${START_TIMEOUT_MS / 1000} s`));
      }, START_TIMEOUT_MS);
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        clearTimeout(timer);
        reject(new StartupError(`the worker exited during start-up (${signal ?? `code ${code}`})`));
      };
      child.once('exit', onExit);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new StartupError(`the worker could not be started: ${error.message}`));
      });
      child.on('message', (message) => {
        if (message !== WORKER_READY) return;
        clearTimeout(timer);
        child.off('exit', onExit);
        child.once('exit', (code, signal) => {
          if (stopping) return;
          log.warn({ code, signal }, 'the worker exited unexpectedly: restarting');
          void restart();
        });
        resolve(child);
      });
    }).then((child) => (current = child));

  const restart = async () => {
    for (let attempt = 0; !stopping; attempt++) {
      await sleep(Math.min(MAX_BACKOFF_MS, 200 * 2 ** attempt));
      if (stopping) return;
      try {
        await launch();
        log.info('worker restarted');
        if (stopping) await stop(current!);
        return;
      } catch (error) {
        log.warn({ err: (error as Error).message, attempt }, 'the worker did not restart yet');
      }
    }
  };

  await launch();
  return {
    get pid() {
      return current?.pid;
    },
    /**
     * Lets running jobs finish (the worker's own graceful shutdown, bounded by its
     * SHUTDOWN_TIMEOUT_MS), then returns; past `timeoutMs` it is killed (what it had not finished
     * is retried: jobs and the relay are idempotent).
     */
    async close(timeoutMs?: number) {
      stopping = true;
      if (current) await stop(current, timeoutMs);
    },
  };
}

function stop(child: ChildProcess, timeoutMs?: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}
