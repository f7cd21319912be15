// `npm run check:runner`: proves that a failing test run fails. Runs the project's own test
// configuration (global setup included: Postgres, Redis) on fixtures that must fail, and on one
// that must pass, and checks each exit code. CI runs it before `npm test`.
import { spawnSync } from 'node:child_process';

const CONFIG = 'test/fixtures/runner/vitest.config.ts';
const cases: { name: string; command: string[]; env?: Record<string, string>; expect: 'pass' | 'fail' }[] = [
  { name: 'a passing file (control)', command: ['npx', 'vitest', 'run', '--config', CONFIG, 'passes.fixture'], expect: 'pass' },
  { name: 'a failing test, through npm test', command: ['npm', 'test', '--', '--config', CONFIG, 'failing-test.fixture'], expect: 'fail' },
  { name: 'a failing beforeAll hook', command: ['npx', 'vitest', 'run', '--config', CONFIG, 'failing-hook.fixture'], expect: 'fail' },
  { name: 'a file that fails to load', command: ['npx', 'vitest', 'run', '--config', CONFIG, 'failing-import.fixture'], expect: 'fail' },
  {
    name: 'a failing global setup',
    command: ['npx', 'vitest', 'run', '--config', CONFIG, 'passes.fixture'],
    env: { FIXTURE_FAILING_GLOBAL_SETUP: '1' },
    expect: 'fail',
  },
];

let wrong = 0;
for (const c of cases) {
  const started = Date.now();
  const run = spawnSync(c.command[0]!, c.command.slice(1), { encoding: 'utf8', env: { ...process.env, ...c.env } });
  const outcome = run.status === 0 ? 'pass' : 'fail';
  const ok = outcome === c.expect;
  if (!ok) wrong++;
  process.stdout.write(`${ok ? 'ok  ' : 'WRONG'} ${c.name}: exit ${run.status ?? run.signal} (expected ${c.expect}, ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  if (!ok) process.stdout.write(`${(run.stdout + run.stderr).slice(-2_000)}\n`);
}
process.stdout.write(wrong === 0 ? 'the test runner reports failures\n' : `${wrong} case(s) wrong: a failing run can look green\n`);
process.exit(wrong === 0 ? 0 : 1);
