import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A server we started can outlive us when we are killed with SIGKILL. Its pid file then blocks
 * the next start, so we stop the orphan (politely, then firmly) before starting again.
 */
export async function stopOrphanFromPidFile(pidFile: string, signal: NodeJS.Signals = 'SIGTERM'): Promise<boolean> {
  let pid: number;
  try {
    const firstLine = (await readFile(pidFile, 'utf8')).split('\n')[0] ?? '';
    pid = Number.parseInt(firstLine.trim(), 10);
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 1 || pid === process.pid || !isAlive(pid)) return false;
  process.kill(pid, signal);
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
  return true;
}
