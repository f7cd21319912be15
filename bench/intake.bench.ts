// `npm run bench`: intake against the stack's own ceiling, measured in the same run. One embedded
// Postgres and Redis; in front of them, as separate processes, a bare Fastify route doing one
// INSERT (bench/ceiling-server.ts) and the service (`src/start.ts`: API and worker, as `npm start`
// runs them). The same autocannon load, interleaved (ceiling, intake) at 10 then 50 connections;
// then an agent reply and a PATCH of status on the tickets made; then the service's RSS.
// BENCH_DURATION (s, default 20) per run; BENCH_CPU_PROF=dir writes the service's CPU profile;
// BENCH_INTAKE_ONLY=1 skips replies and PATCH.
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { pino } from 'pino';
import { setTimeout as sleep } from 'node:timers/promises';
import { provideInfrastructure } from '../src/runtime/infrastructure.ts';
import type { Env } from '../src/config/env.ts';
import { makeRunDir } from '../src/infra/run-dir.ts';
import { freePort } from '../src/infra/free-port.ts';
import { spawnTied } from '../src/infra/tied-spawn.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { startService } from './start-service.ts';
import { DEFAULT_POOL_SIZE } from '../src/db/client.ts';
import { formatLoad, load, type LoadResult } from './load.ts';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 20);
const CONCURRENCIES = (process.env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number);
// The ceiling gets the service's pool size (BENCH_POOL_SIZE tries another for both).
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? DEFAULT_POOL_SIZE);
const WARM_S = Math.min(3, DURATION_S);
const CHANNELS = ['weibo', 'wechat', 'douyin', 'email', 'web', 'chat'];
const BODIES = [
  '我的订单三天了还没发货，请帮忙查一下物流',
  'The app crashes every time I open my order history. Please fix it.',
  '請問會員積分可以換購哪些商品？',
  'It would be great if you added a dark mode to the app.',
  '建议增加夜间客服，晚上有问题找不到人',
];

const out = (line = '') => process.stdout.write(`${line}\n`);
const rssMb = (pid: number) => {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return (kb / 1024).toFixed(0);
};

/** CPU a process has used (user + system, and its waited-for children's), from /proc. */
const cpuMsOf = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
  // after the command: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14), in clock ticks
  return ((Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 1000) / 100;
};
const childrenOf = (ppid: number) =>
  readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]) === ppid;
      } catch {
        return false; // exited meanwhile
      }
    })
    .map(Number);
/** A process's CPU and its live children's (Postgres's backends, a worker child); exited ones count in the parent's. */
const treeCpuMs = (root: number) =>
  childrenOf(root).reduce((sum, pid) => {
    try {
      return sum + cpuMsOf(pid);
    } catch {
      return sum;
    }
  }, cpuMsOf(root));

async function waitReady(url: string, isAlive: () => boolean) {
  for (let i = 0; i < 600; i++) {
    if (!isAlive()) throw new Error(`${url}: exited during start-up`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${url}: not ready after 60 s`);
}

const runDir = makeRunDir('ticketing-bench-');
const logger = pino({ level: 'warn' });
const infra = await provideInfrastructure({ DATA_DIR: runDir.path } as Env, logger);
const stops: (() => Promise<unknown>)[] = [];
try {
  await runMigrations(infra.databaseUrl); // src/start.ts would, src/main.ts (BENCH_ENTRY) does not
  // Postgres's own time in intake_open per call (pg_stat_user_functions), printed with each run:
  // what of an intake's latency the database spends, whatever the machine's load does to req/s.
  const stats = new pg.Client({ connectionString: infra.databaseUrl });
  await stats.connect();
  stops.push(() => stats.end());
  await stats.query("ALTER SYSTEM SET track_functions = 'pl'");
  await stats.query('SELECT pg_reload_conf()');
  const backend = (await stats.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const postmaster = Number(readFileSync(`/proc/${backend}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);
  // BENCH_WAITS=1: what Postgres's backends wait on during an intake run (pg_stat_activity, sampled).
  const sampleWaits = () => {
    const counts = new Map<string, number>();
    let samples = 0;
    let stopped = false;
    const loop = (async () => {
      while (!stopped) {
        const rows = (await stats.query<{ k: string; n: number }>(
          `SELECT coalesce(application_name, '') || ' ' || state || ' ' || coalesce(wait_event_type || ':' || wait_event, 'cpu') AS k, count(*)::int AS n
           FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND state <> 'idle' GROUP BY 1`,
        )).rows;
        samples++;
        for (const row of rows) counts.set(row.k, (counts.get(row.k) ?? 0) + row.n);
        await sleep(50);
      }
    })();
    return {
      async stop() {
        stopped = true;
        await loop;
        return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, n]) => `    ${(n / samples).toFixed(2).padStart(6)} backends  ${k}`).join('\n');
      },
    };
  };
  const intakeOpenTotals = async () => {
    const row = (await stats.query<{ calls: string; ms: number }>("SELECT coalesce(sum(calls), 0) AS calls, coalesce(sum(total_time), 0) AS ms FROM pg_stat_user_functions WHERE funcname = 'intake_open'")).rows[0]!;
    return { calls: Number(row.calls), ms: row.ms };
  };
  const ceilingPort = await freePort();
  const ceiling = spawnTied(process.execPath, ['--import', 'tsx', 'bench/ceiling-server.ts'], {
    env: { ...process.env, PORT: String(ceilingPort), DATABASE_URL: infra.databaseUrl, POOL_SIZE: String(POOL_SIZE) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  stops.push(async () => {
    const exited = new Promise((resolve) => ceiling.once('exit', resolve));
    ceiling.kill('SIGINT');
    await exited;
  });
  const ceilingUrl = `http://127.0.0.1:${ceilingPort}`;
  await waitReady(ceilingUrl, () => ceiling.exitCode === null);

  const service = await startService(
    { DATABASE_URL: infra.databaseUrl, REDIS_URL: infra.redisUrl, DATABASE_POOL_SIZE: String(POOL_SIZE) },
    {
      ...(process.env.BENCH_CPU_PROF ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] } : {}),
      // BENCH_ENTRY=src/main.ts: the API role alone (no worker in the process), to see what the worker costs
      ...(process.env.BENCH_ENTRY ? { entry: process.env.BENCH_ENTRY } : {}),
    },
  );
  stops.push(() => service.stop());
  const auth = { authorization: `Bearer ${service.adminKey}` };

  // BENCH_ROUND_ROBIN=1: the worst case of routing, every ticket taking one team's round-robin turn
  // (five agents), so every intake queues on that team's row lock for the rest of its transaction.
  if (process.env.BENCH_ROUND_ROBIN === '1') {
    const call = async (path: string, body: unknown) => {
      const res = await fetch(`${service.url}${path}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string };
    };
    const team = await call('/v1/teams', { name: 'Bench' });
    for (let i = 0; i < 5; i++) await call('/v1/agents', { name: `Bench ${i}`, email: `bench${i}@example.com`, password: 'bench password', teamId: team.id });
    await call('/v1/routing-rules', { name: 'Everything in turn', position: 1, actions: [{ type: 'assign_round_robin', teamId: team.id }] });
  }

  let inquiry = 0;
  const ceilingRun = (connections: number, durationS: number) =>
    load({
      label: 'ceiling: 1 INSERT',
      url: `${ceilingUrl}/ceiling`,
      method: 'POST',
      connections,
      durationS,
      request: (n) => ({ body: { body: `${BODIES[n % BODIES.length]} #${n}` } }),
    });
  const intakeRun = (connections: number, durationS: number) =>
    load({
      label: 'POST /v1/inquiries',
      url: `${service.url}/v1/inquiries`,
      method: 'POST',
      connections,
      durationS,
      headers: auth,
      request: () => {
        const n = inquiry++;
        return {
          body: {
            channel: CHANNELS[n % CHANNELS.length],
            externalId: `bench-${process.pid}-${n}`,
            // one customer in four writes again, so customer lookups hit existing rows too
            customer: { externalId: `bench-user-${n % 4 === 0 ? n % 1000 : n}`, name: `Customer ${n}` },
            body: `${BODIES[n % BODIES.length]} #${n}`,
          },
        };
      },
    });

  out(`bench: ${DURATION_S} s per run, ${CONCURRENCIES.join(' and ')} connections, pool ${POOL_SIZE}; warming up…`);
  await ceilingRun(50, WARM_S);
  await intakeRun(50, WARM_S);

  const pairs: { ceiling: LoadResult; intake: LoadResult }[] = [];
  const cpuPerRequest: { connections: number; ceiling: { app: number; pg: number }; intake: { app: number; pg: number; api: number } }[] = [];
  out('');
  out('intake against its ceiling (same Postgres, same run)');
  for (const connections of CONCURRENCIES) {
    const cpu0 = { app: cpuMsOf(ceiling.pid!), pg: treeCpuMs(postmaster) };
    const c = await ceilingRun(connections, DURATION_S);
    const cpu1 = { app: cpuMsOf(ceiling.pid!), pg: treeCpuMs(postmaster), service: treeCpuMs(service.process.pid!), api: cpuMsOf(service.process.pid!) };
    const before = await intakeOpenTotals();
    const sampling = process.env.BENCH_WAITS === '1' ? sampleWaits() : undefined;
    const i = await intakeRun(connections, DURATION_S);
    if (sampling) out(await sampling.stop());
    const cpu2 = { service: treeCpuMs(service.process.pid!), pg: treeCpuMs(postmaster), api: cpuMsOf(service.process.pid!) };
    await sleep(1500); // a backend flushes its function statistics at most once a second, when idle
    const after = await intakeOpenTotals();
    cpuPerRequest.push({
      connections,
      ceiling: { app: (cpu1.app - cpu0.app) / c.total, pg: (cpu1.pg - cpu0.pg) / c.total },
      intake: { app: (cpu2.service - cpu1.service) / i.total, pg: (cpu2.pg - cpu1.pg) / i.total, api: (cpu2.api - cpu1.api) / i.total },
    });
    pairs.push({ ceiling: c, intake: i });
    out(formatLoad(c));
    out(formatLoad(i));
    out(`  ${'ratio intake / ceiling'.padEnd(26)} ${String(connections).padStart(3)} conn  ${(i.rps / c.rps).toFixed(2).padStart(6)}`);
    const cpu = cpuPerRequest.at(-1)!;
    out(`  ${'CPU a request: ceiling'.padEnd(26)} ${String(connections).padStart(3)} conn  ${cpu.ceiling.app.toFixed(2).padStart(6)} ms Node + ${cpu.ceiling.pg.toFixed(2)} ms Postgres`);
    out(`  ${'CPU a request: intake'.padEnd(26)} ${String(connections).padStart(3)} conn  ${cpu.intake.app.toFixed(2).padStart(6)} ms Node + ${cpu.intake.pg.toFixed(2)} ms Postgres (API process ${cpu.intake.api.toFixed(2)} ms)`);
    const calls = after.calls - before.calls;
    if (calls > 0) out(`  ${'Postgres in intake_open'.padEnd(26)} ${String(connections).padStart(3)} conn  ${((after.ms - before.ms) / calls).toFixed(2).padStart(6)} ms a call (${calls} calls)`);
  }
  out(`  service RSS after intake: ${rssMb(service.process.pid!)} MB`);

  // Replies and status changes on the tickets intake made, each request on another ticket.
  // BENCH_INTAKE_ONLY=1 skips them (a CPU profile of intake alone).
  if (process.env.BENCH_INTAKE_ONLY !== '1') {
    const db = new pg.Client({ connectionString: infra.databaseUrl });
    await db.connect();
    const ids = (await db.query<{ id: string }>('SELECT id FROM tickets ORDER BY number DESC LIMIT 20000')).rows.map((r) => r.id);
    await db.end();
    out('');
    out(`replies and status changes (${ids.length} tickets)`);
    for (const connections of CONCURRENCIES) {
      out(
        formatLoad(
          await load({
            label: 'POST /v1/tickets/{id}/messages',
            url: `${service.url}/v1/tickets/x/messages`,
            method: 'POST',
            connections,
            durationS: DURATION_S,
            headers: auth,
            request: (n) => ({ path: `/v1/tickets/${ids[n % ids.length]}/messages`, body: { author: 'agent', body: `We are on it (${n}).` } }),
          }),
        ),
      );
    }
    for (const connections of CONCURRENCIES) {
      out(
        formatLoad(
          await load({
            label: 'PATCH /v1/tickets/{id}',
            url: `${service.url}/v1/tickets/x`,
            method: 'PATCH',
            connections,
            durationS: DURATION_S,
            headers: auth,
            // pending, then open again on the next pass over the tickets
            request: (n) => ({ path: `/v1/tickets/${ids[n % ids.length]}`, body: { status: Math.floor(n / ids.length) % 2 === 0 ? 'pending' : 'open' } }),
          }),
        ),
      );
    }
    out(`  service RSS at the end: ${rssMb(service.process.pid!)} MB`);
  }
  out('');
  const errors = [...pairs.flatMap((p) => [p.ceiling.errors, p.intake.errors])].reduce((a, b) => a + b, 0);
  if (errors > 0) process.exitCode = 1;
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  await infra.stop();
  runDir.remove();
}
