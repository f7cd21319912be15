// `npm run bench:start`: cold start of `npm start` on an existing data folder. A first start
// makes the folder (initdb, migrations, keys) and stops; then, BENCH_STARTS times (default 3),
// the command `npm start` runs (package.json's "start", without npm's own launch) is started on
// it and timed to the first 200 from /readyz (Postgres and Redis started, migrations checked,
// API and worker up), then stopped with Ctrl-C.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomBytes } from 'node:crypto';
import { spawnTied } from '../src/infra/tied-spawn.ts';
import { freePort } from '../src/infra/free-port.ts';
import { makeRunDir } from '../src/infra/run-dir.ts';

const STARTS = Number(process.env.BENCH_STARTS ?? 3);
const startArgs = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start.split(' ').slice(1);
const runDir = makeRunDir('ticketing-start-bench-');
const adminKey = `tk_bench_${randomBytes(24).toString('hex')}`;

async function startOnce(): Promise<{ readyMs: number; rssMb: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawnTied(process.execPath, startArgs, {
    env: { ...process.env, PORT: String(port), DATA_DIR: runDir.path, ADMIN_API_KEY: adminKey, LOG_LEVEL: 'warn', DATABASE_URL: '', REDIS_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error('npm start exited during start-up');
      if (performance.now() - started > 120_000) throw new Error('not ready after 120 s');
      try {
        if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break;
      } catch {
        // not listening yet
      }
      await sleep(20);
    }
    const readyMs = performance.now() - started;
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN);
    return { readyMs, rssMb: kb / 1024 };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.exitCode === null) child.kill('SIGINT');
    await exited;
  }
}

try {
  const first = await startOnce();
  process.stdout.write(`first start (new data folder: initdb, migrations): ${(first.readyMs / 1000).toFixed(2)} s\n`);
  const times: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const { readyMs, rssMb } = await startOnce();
    times.push(readyMs);
    process.stdout.write(`cold start on the existing data folder: ${(readyMs / 1000).toFixed(2)} s to /readyz 200 (RSS at ready ${rssMb.toFixed(0)} MB)\n`);
  }
  process.stdout.write(`median ${(times.sort((a, b) => a - b)[Math.floor(times.length / 2)]! / 1000).toFixed(2)} s over ${STARTS} starts\n`);
} finally {
  runDir.remove();
}
