// `npm test`: the type check, then vitest with the arguments given. Plain JavaScript, so no loader
// process stands between npm and the children.
//
// Why not `tsc --noEmit && vitest run` in package.json: npm hands a SIGTERM to the shell, and the
// shell dies without passing it on, so a type check in progress (tsc's launcher and its native
// binary) outlived the interrupted run. Here each step runs in a process group of its own and a
// signal we receive is passed on: to the whole group of the type check, and to vitest itself
// (which stops its workers and the databases its global setup started, as on a Ctrl-C).
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

// Output that goes to a file or a CI log is plain text: vitest colours it whenever `CI` is set,
// and escape codes inside "Tests  796 passed" defeat whoever reads the log for the summary.
// FORCE_COLOR still wins for whoever wants colours in a log.
if (!process.stdout.isTTY && !('FORCE_COLOR' in process.env)) process.env.NO_COLOR ??= '1';

const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
let interrupted = null;
let current = null;

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    interrupted ??= signal;
    if (!current) return;
    try {
      if (current.group) process.kill(-current.child.pid, signal);
      else current.child.kill(signal);
    } catch {
      // already gone
    }
  });
}

/** Runs a step to its end; resolves to the exit code the run should end with (0: go on). */
function step(command, args, { group }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', detached: true });
    current = { child, group };
    child.on('error', (error) => {
      process.stderr.write(`npm test: cannot start ${command}: ${error.message}\n`);
      resolve(1);
    });
    child.on('exit', async (code, signal) => {
      current = null;
      if (group) await groupGone(child.pid);
      resolve(signal ? 128 + (constants.signals[signal] ?? 1) : (code ?? 1));
    });
  });
}

/**
 * Waits until nothing of a process group is left: tsc's launcher exits before its native binary
 * has died of the same signal. Whatever still runs after 5 s is killed.
 */
async function groupGone(pgid) {
  const alive = () => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (let waited = 0; alive() && waited < 5_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  if (alive()) process.kill(-pgid, 'SIGKILL');
}

const exitOf = (signal) => 128 + (constants.signals[signal] ?? 1);
let code = await step(bin('tsc'), ['--noEmit'], { group: true });
if (interrupted) code = code || exitOf(interrupted);
else if (code === 0) {
  code = await step(bin('vitest'), ['run', ...process.argv.slice(2)], { group: false });
  if (interrupted) code = code || exitOf(interrupted);
}
process.exit(code);
