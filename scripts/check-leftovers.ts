// `npm run check:leftovers -- [--interrupt SIGINT|SIGTERM --after <s>] -- <command…>`
// Runs a command (a test run, a bench) and then proves that nothing it started survives it: no
// process (redis-server, postgres, a worker) and no temporary data folder. With --interrupt, the
// command is interrupted after a while, as a person pressing Ctrl-C (SIGINT to its process group)
// or a CI runner stopping a job (SIGTERM to the command) would. KEEP_LEFTOVERS=1 keeps what was found.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

const args = process.argv.slice(2);
const split = args.indexOf('--');
const flags = split >= 0 ? args.slice(0, split) : [];
const command = split >= 0 ? args.slice(split + 1) : args;
const flag = (name: string) => {
  const i = flags.indexOf(name);
  return i >= 0 ? flags[i + 1] : undefined;
};
const interrupt = flag('--interrupt') as NodeJS.Signals | undefined;
const afterS = Number(flag('--after') ?? 20);
if (command.length === 0) throw new Error('usage: check-leftovers [--interrupt SIGINT|SIGTERM --after s] -- command…');

// Every process the command starts inherits this variable: that is how we recognise them later,
// even after they were re-parented to init, and without confusing them with anyone else's.
const marker = `TICKETING_LEFTOVER_CHECK=${randomUUID()}`;
// A temporary folder of our own, so that whatever the command leaves in it is visibly its own.
const tmp = mkdtempSync(join(tmpdir(), 'leftover-check-'));
chmodSync(tmp, 0o755);

const child = spawn(command[0]!, command.slice(1), {
  stdio: 'inherit',
  detached: interrupt === 'SIGINT', // its own process group, like a terminal's foreground job
  env: { ...process.env, [marker.split('=')[0]!]: marker.split('=')[1]!, TMPDIR: tmp },
});
const exited = new Promise<number>((done) => child.once('exit', (code, signal) => done(code ?? (signal ? 128 : 1))));
if (interrupt) {
  await Promise.race([sleep(afterS * 1000), exited]);
  if (child.exitCode === null) {
    process.stdout.write(`\n[check-leftovers] sending ${interrupt} after ${afterS} s\n`);
    if (interrupt === 'SIGINT') process.kill(-child.pid!, 'SIGINT');
    else child.kill(interrupt);
  }
}
const code = await exited;

function markedProcesses(): { pid: number; cmd: string }[] {
  const found: { pid: number; cmd: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(marker)) continue;
      found.push({ pid: Number(entry), cmd: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim() });
    } catch {
      // gone already, or not ours to read
    }
  }
  return found;
}

// Servers stop within seconds of their parent (Postgres checkpoints first).
let left = markedProcesses();
for (let i = 0; i < 100 && left.length > 0; i++) {
  await sleep(100);
  left = markedProcesses();
}
const folders = readdirSync(tmp).filter((name) => /^(ticketing-|sla-)/.test(name));

for (const p of left) {
  process.stdout.write(`[check-leftovers] still running: pid ${p.pid} ${p.cmd.slice(0, 160)}\n`);
  try {
    process.kill(p.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
for (const f of folders) process.stdout.write(`[check-leftovers] folder left behind: ${join(tmp, f)}\n`);
if (!process.env.KEEP_LEFTOVERS) rmSync(tmp, { recursive: true, force: true });

const clean = left.length === 0 && folders.length === 0;
process.stdout.write(`[check-leftovers] ${command.join(' ')}: exit ${code}; ${clean ? 'nothing left behind' : `${left.length} process(es), ${folders.length} folder(s) left behind`}\n`);
// An interrupted run is expected to fail; what matters then is only that it left nothing.
process.exit(!clean ? 1 : interrupt ? 0 : code);
