// `npm run test:faults`: the service under a steady intake load while its parts fail, on loopback.
// Redis SIGKILLed (restarted by the supervisor, then by an operator), Redis restarted empty, the
// worker SIGKILLed mid-job, Postgres SIGKILLed and restarted, single backends terminated, the pool
// exhausted. Then it checks that nothing acknowledged was lost or duplicated, that every SLA breach
// happened exactly once and within 2 s of recovery, that the API answered only 2xx or 503
// problem+json with Retry-After (or 409 in_flight, the same for a key still held), and that
// /readyz told the truth. Prints the figures; exits 1 on a failed check.
import pg from 'pg';
import { startStack, type Stack } from './stack.ts';
import { startLoad, startReadinessProbe } from './load.ts';
import { checkRun, type FaultWindow } from './verify.ts';

const LOAD_PER_SECOND = Number(process.env.FAULTS_LOAD ?? 30);
const SETTLE_MS = 6_000; // between faults: recover, then run normally for a while
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const out = (line: string) => process.stdout.write(`${line}\n`);

const started = Date.now();
out('starting Postgres, Redis, the API and the worker…');
const stack = await startStack();
const admin = new pg.Pool({ connectionString: stack.databaseUrl, max: 2 });
admin.on('error', () => undefined); // its connections die with the Postgres we kill

// Every ticket gets a first-response target due in 2 s that nobody answers: breaches all the time.
const policy = await fetch(`${stack.url}/v1/sla-policies`, {
  method: 'POST',
  headers: { authorization: `Bearer ${stack.adminKey}`, 'content-type': 'application/json' },
  body: JSON.stringify({ name: 'Faults: two seconds', position: 0, targets: [{ metric: 'first_response', within: 'PT2S' }] }),
});
if (policy.status !== 201) throw new Error(`could not create the SLA policy: ${policy.status} ${await policy.text()}`);

const load = startLoad({ url: stack.url, adminKey: stack.adminKey, perSecond: LOAD_PER_SECOND });
const probe = startReadinessProbe(stack.url);
const windows: FaultWindow[] = [];

async function fault(
  name: string,
  dependency: FaultWindow['dependency'],
  act: () => Promise<{ downAt: number; upAt: number; restartingAt?: number }>,
  saturated = false,
) {
  out(`- ${name}`);
  const { downAt, upAt, restartingAt } = await act();
  windows.push({ name, dependency, downAt, upAt, downUntil: restartingAt ?? upAt, saturated });
  await sleep(SETTLE_MS);
}

async function terminateOneBackend(): Promise<{ downAt: number; upAt: number }> {
  const at = Date.now();
  for (let i = 0; i < 5; i++) {
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = 'ticketing' AND pid <> pg_backend_pid() AND state <> 'idle'
       ORDER BY random() LIMIT 1`,
    );
    await sleep(500);
  }
  return { downAt: at, upAt: Date.now() };
}

/** Another session locks the tickets table: every intake waits, the pool runs dry, then it is released. */
async function exhaustPool(holdMs: number): Promise<{ downAt: number; upAt: number }> {
  const client = await admin.connect();
  try {
    await client.query('BEGIN');
    await client.query('LOCK TABLE tickets IN SHARE ROW EXCLUSIVE MODE');
    const downAt = Date.now();
    await sleep(holdMs);
    await client.query('COMMIT');
    return { downAt, upAt: Date.now() };
  } finally {
    client.release();
  }
}

try {
  await sleep(SETTLE_MS);
  await fault('Redis SIGKILLed, restarted by its supervisor', 'redis', async () => {
    const downAt = Date.now();
    const before = stack.redis.child.restarts;
    process.kill(stack.redis.child.pid!, 'SIGKILL');
    while (stack.redis.child.restarts === before) await sleep(20);
    return { downAt, upAt: Date.now() };
  });
  await fault('Redis SIGKILLed, down 3 s, restarted', 'redis', () => stack.killRedis({ restartAfterMs: 3_000 }));
  await fault('Redis restarted empty', 'redis', () => stack.killRedis({ restartAfterMs: 1_000, empty: true }));
  await fault('worker SIGKILLed mid-job, restarted after 2 s', 'worker', () => stack.killWorker({ restartAfterMs: 2_000 }));
  await fault('Postgres SIGKILLed, down 3 s, restarted', 'postgres', () => stack.killPostgres({ restartAfterMs: 3_000 }));
  await fault('one API backend terminated, five times', 'none', terminateOneBackend);
  await fault('pool exhausted (tickets locked for 8 s)', 'postgres', () => exhaustPool(8_000), true);
} finally {
  await load.stop();
  await probe.stop();
}

// Everything due by now has had its chance to fire: wait for the last ones, then judge.
const deadline = Date.now() + 15_000;
while (Date.now() < deadline) {
  const { rows } = await admin.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM sla_targets WHERE status = 'active' AND due_at < now() - interval '2 seconds'`,
  );
  if (rows[0]!.n === 0) break;
  await sleep(250);
}
const result = await checkRun({ db: admin, stack: stack as Stack, load, probe: probe.samples, windows });
await admin.end();
await stack.stop();

for (const line of result.report) out(line);
out(`\n${result.failures.length === 0 ? 'all fault checks passed' : `FAILED:\n  ${result.failures.join('\n  ')}`} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
process.exit(result.failures.length === 0 ? 0 : 1);
