import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunDir {
  path: string;
  remove(): void;
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const ignore = () => undefined;

/**
 * A throw-away data folder for a test run or a bench, in the system's temporary folder (which the
 * `postgres` user can traverse when we are root). It is removed by `remove()` and, whatever
 * happens, when the process exits or is stopped by a signal: an interrupted run leaves no folder.
 */
export function makeRunDir(prefix: string): RunDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(path, 0o755);
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    process.off('exit', remove);
    try {
      // A server we started may still be writing into it for a moment (a checkpoint on its way
      // down after the same Ctrl-C): retry what it recreates under our feet.
      rmSync(path, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
    } catch {
      // best effort: the system's temporary folder is cleaned eventually anyway
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    // npm forwards Ctrl-C once more: that second signal must not kill us halfway through.
    for (const s of SIGNALS) process.on(s, ignore);
    remove();
    for (const s of SIGNALS) process.off(s, onSignal).off(s, ignore);
    // We were the only listener left: die of the signal, as the process would have without us.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  process.on('exit', remove);
  for (const signal of SIGNALS) process.once(signal, onSignal);
  return { path, remove: () => {
    remove();
    for (const s of SIGNALS) process.off(s, onSignal);
  } };
}
