import { spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';

/** Whether a command is on the PATH. */
export function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command], { stdio: 'ignore' }).status === 0;
}

export const isRoot = () => userInfo().uid === 0;

/** A start-up failure a person can fix: printed as one line that says why and what to do. */
export class StartupError extends Error {}

/** A thing the machine lacks that a person must install. */
export class MissingSoftwareError extends StartupError {}

export interface DebianNeed {
  /** The Debian package that brings it. */
  pkg: string;
  /** Whether the machine already has it. */
  present: () => boolean;
}

/**
 * Installs the Debian packages behind what is missing when we are root with apt; otherwise stops
 * with one line naming the packages. `what` says who needs them ("npm start", "npm test").
 */
export function ensureDebianPackages(needs: DebianNeed[], what: string, hint = ''): { installed: string[] } {
  const missing = needs.filter((need) => !need.present()).map((need) => need.pkg);
  if (missing.length === 0) return { installed: [] };
  if (isRoot() && onPath('apt-get')) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const run = (args: string[]) => spawnSync('apt-get', args, { stdio: 'ignore', env }).status === 0;
    const installed = run(['install', '-y', '-qq', '--no-install-recommends', ...missing])
      || (run(['update', '-qq']) && run(['install', '-y', '-qq', '--no-install-recommends', ...missing]));
    if (installed && needs.every((need) => need.present())) return { installed: missing };
  }
  throw new MissingSoftwareError(
    `${what} needs ${missing.join(', ')}: install ${missing.length > 1 ? 'them' : 'it'} (Debian/Ubuntu: apt-get install ${missing.join(' ')})${hint}`,
  );
}
