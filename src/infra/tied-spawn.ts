import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { onPath } from './commands.ts';

let setprivAvailable: boolean | undefined;

/**
 * `spawn`, but the child dies with us: on Linux it starts through util-linux
 * `setpriv --pdeathsig <signal>`, so the kernel sends it `signal` when this process ends, even by
 * SIGKILL (no orphaned servers or workers after an interrupted test run or bench). Elsewhere, a
 * plain spawn. setpriv execs the command, so the child's pid is the command's.
 */
export function spawnTied(command: string, args: string[], options: SpawnOptions & { deathSignal?: NodeJS.Signals } = {}): ChildProcess {
  const { deathSignal = 'SIGTERM', ...spawnOptions } = options;
  setprivAvailable ??= process.platform === 'linux' && onPath('setpriv');
  if (!setprivAvailable) return spawn(command, args, spawnOptions);
  return spawn('setpriv', ['--pdeathsig', deathSignal.replace(/^SIG/, ''), '--', command, ...args], spawnOptions);
}
