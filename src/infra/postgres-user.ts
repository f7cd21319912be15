import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync } from 'node:fs';
import { chown, mkdir, realpath, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isRoot, StartupError } from './commands.ts';
import { MACHINE_STATE_DIR } from './postgres-binaries.ts';
import type { RunAs } from './supervised-child.ts';

const id = (flag: '-u' | '-g', user: string) => {
  const result = spawnSync('id', [flag, user], { encoding: 'utf8' });
  return result.status === 0 ? Number.parseInt(result.stdout.trim(), 10) : undefined;
};

/**
 * Postgres refuses to run as root. As root we run it as the `postgres` system user, created when
 * missing (as Debian's own postgresql package would: a system account without a login shell).
 * As anyone else it runs as that user.
 */
export function postgresRunAs(): RunAs | undefined {
  if (!isRoot()) return undefined;
  if (id('-u', 'postgres') === undefined) {
    const created = spawnSync(
      'useradd',
      ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', 'postgres'],
      { stdio: 'ignore' },
    );
    if (created.status !== 0) throw new StartupError('running as root, and the postgres system user could not be created (useradd): create it, or set DATABASE_URL');
  }
  return { uid: id('-u', 'postgres')!, gid: id('-g', 'postgres')! };
}

const canEnter = (runAs: RunAs, dir: string) =>
  spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'sh', dir], { uid: runAs.uid, gid: runAs.gid, stdio: 'ignore' }).status === 0;

/**
 * The folder Postgres keeps its data in. Normally `<dataDir>/postgres`. When the postgres user
 * cannot reach `dataDir` (a clone in /root, or in a `mktemp -d` folder), the data lives in
 * /var/lib/ticketing-service/data-<hash of the data folder's path>/postgres, and
 * `<dataDir>/postgres` is a symbolic link to it, so the data still appears where it is expected.
 */
export async function postgresDataFolder(dataDir: string, runAs: RunAs | undefined): Promise<string> {
  const wanted = join(dataDir, 'postgres');
  if (!runAs) return wanted;
  if (isSymlink(wanted)) return realpath(wanted);
  if (canEnter(runAs, dataDir)) return wanted;
  if (existsSync(wanted)) {
    throw new StartupError(`${wanted} exists but the postgres user cannot reach it (a parent folder is private): move it, or set DATABASE_URL`);
  }
  const hash = createHash('sha256').update(await realpath(dataDir)).digest('hex').slice(0, 16);
  const home = join(MACHINE_STATE_DIR, `data-${hash}`);
  await mkdir(MACHINE_STATE_DIR, { recursive: true, mode: 0o755 });
  await mkdir(home, { recursive: true, mode: 0o700 });
  await chown(home, runAs.uid, runAs.gid);
  const target = join(home, 'postgres');
  await symlink(target, wanted);
  return target;
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
