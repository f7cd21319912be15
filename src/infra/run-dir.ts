import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunDir {
  path: string;
  remove(): void;
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * A throw-away data folder for a test run or a bench, in the system's temporary folder (which the
 * `postgres` user can traverse when we are root). It is removed by `remove()` and, whatever
 * happens, when the process exits or is stopped by a signal: an interrupted run leaves no folder.
 */
export function makeRunDir(prefix: string): RunDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(path, 0o755);
  const onSignal = (signal: NodeJS.Signals) => {
    remove();
    // We were the only listener: die of the signal, as the process would have without us.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const remove = () => {
    process.off('exit', remove);
    for (const signal of SIGNALS) process.off(signal, onSignal);
    rmSync(path, { recursive: true, force: true });
  };
  process.on('exit', remove);
  for (const signal of SIGNALS) process.once(signal, onSignal);
  return { path, remove };
}
