import type { ChildProcess } from 'node:child_process';
import { spawnTied } from '../src/infra/tied-spawn.ts';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../src/infra/free-port.ts';
import { makeRunDir } from '../src/infra/run-dir.ts';

export interface RunningService {
  url: string;
  adminKey: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the whole service (`src/start.ts`, embedded Postgres and Redis in a temporary folder)
 * as a separate process, so the load generator does not share its event loop. `entry`:
 * `src/main.ts` runs the API role alone (give it DATABASE_URL and REDIS_URL).
 */
export async function startService(env: Record<string, string> = {}, options: { entry?: string; nodeArgs?: string[] } = {}): Promise<RunningService> {
  const runDir = makeRunDir('ticketing-bench-');
  const dataDir = runDir.path;
  const port = await freePort();
  const adminKey = `tk_bench_${randomBytes(24).toString('hex')}`;
  const child = spawnTied(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', options.entry ?? 'src/start.ts'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, ADMIN_API_KEY: adminKey, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error('the service exited during start-up');
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  return {
    url,
    adminKey,
    process: child,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
      runDir.remove();
    },
  };
}
