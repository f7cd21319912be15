import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { ensureDebianPackages, onPath } from './commands.ts';
import { freePort } from './free-port.ts';
import { stopOrphanFromPidFile } from './stale-process.ts';
import { startSupervisedChild, type SupervisedChild } from './supervised-child.ts';

export interface RedisServerHandle {
  url: string;
  /** The supervised process: tests kill it to prove that we recover. */
  child: SupervisedChild;
  stop(): Promise<void>;
}

/**
 * Makes sure `redis-server` is on the PATH: installs Debian's package when we are root with apt,
 * and otherwise explains in one line what to install.
 */
export function ensureRedisServerBinary(logger: Logger): void {
  const { installed } = ensureDebianPackages([{ pkg: 'redis-server', present: () => onPath('redis-server') }], 'the embedded default', ', or set REDIS_URL');
  if (installed.length) logger.info({ installed }, 'installed Debian packages');
}

/**
 * Runs `redis-server` with AOF on and `noeviction`, data in `<dataDir>/redis`, supervised: if it
 * dies it is restarted on the same port and reloads its AOF.
 */
export async function startRedisServer(options: { dataDir: string; logger: Logger; port?: number }): Promise<RedisServerHandle> {
  ensureRedisServerBinary(options.logger);
  const dir = join(resolve(options.dataDir), 'redis');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700); // the AOF holds job data: only we may read it
  const pidFile = join(dir, 'redis.pid');
  // Left by a run that was killed where the kernel could not stop its children (not Linux).
  await stopOrphanFromPidFile(pidFile);
  const port = options.port ?? (await freePort());
  // A password, so that other local users cannot use our Redis; kept with the data, so that a
  // restarted Redis takes the clients' reconnects. The configuration goes through stdin
  // (`redis-server -`), so the password never shows in `ps`.
  const password = await loadOrCreatePassword(join(resolve(options.dataDir), 'redis-password'));
  const config = [
    `port ${port}`,
    'bind 127.0.0.1',
    `dir "${dir}"`,
    `pidfile "${pidFile}"`,
    `requirepass ${password}`,
    'appendonly yes',
    'appendfsync everysec',
    'maxmemory-policy noeviction',
    'save ""',
    'daemonize no',
    'logfile ""',
  ];
  const child = await startSupervisedChild({
    name: 'redis-server',
    command: 'redis-server',
    args: ['-'],
    stdin: `${config.join('\n')}\n`,
    ready: (line) => line.includes('Ready to accept connections'),
    stopSignal: 'SIGTERM',
    logger: options.logger,
  });
  return { url: `redis://:${password}@127.0.0.1:${port}`, child, stop: () => child.stop() };
}

async function loadOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('hex');
  await writeFile(file, password, { mode: 0o600 });
  return password;
}
