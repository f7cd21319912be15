import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import type { Logger } from 'pino';
import { freePort } from './free-port.ts';
import { stopOrphanFromPidFile } from './stale-process.ts';

export interface RedisServerHandle {
  url: string;
  stop(): Promise<void>;
}

export class MissingRedisError extends Error {}

function onPath(binary: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Makes sure `redis-server` is on the PATH: installs Debian's package when we are root with apt,
 * and otherwise explains in one line what to install.
 */
export function ensureRedisServerBinary(logger: Logger): void {
  if (onPath('redis-server')) return;
  if (userInfo().uid === 0 && onPath('apt-get')) {
    logger.info('redis-server is missing: installing the Debian package redis-server');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
    const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'redis-server'], {
      stdio: 'ignore',
      env,
    });
    if (update.status === 0 && install.status === 0 && onPath('redis-server')) return;
  }
  throw new MissingRedisError(
    'redis-server not found: install it (Debian/Ubuntu: apt-get install redis-server) or set REDIS_URL',
  );
}

/** Runs `redis-server` with AOF on and `noeviction`, data in `<dataDir>/redis`. */
export async function startRedisServer(options: { dataDir: string; logger: Logger; port?: number }): Promise<RedisServerHandle> {
  ensureRedisServerBinary(options.logger);
  const dir = join(resolve(options.dataDir), 'redis');
  await mkdir(dir, { recursive: true });
  const pidFile = join(dir, 'redis.pid');
  await stopOrphanFromPidFile(pidFile);
  const port = options.port ?? (await freePort());
  const log = options.logger.child({ component: 'redis-server' });
  const child = spawn(
    'redis-server',
    [
      '--port', String(port),
      '--bind', '127.0.0.1',
      '--dir', dir,
      '--pidfile', pidFile,
      '--appendonly', 'yes',
      '--appendfsync', 'everysec',
      '--maxmemory-policy', 'noeviction',
      '--save', '',
      '--daemonize', 'no',
      '--logfile', '',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await waitUntilReady(child, log);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => stopChild(child),
  };
}

function waitUntilReady(child: ChildProcess, log: Logger): Promise<void> {
  return new Promise((resolveReady, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      log.debug({ message: text.trim() });
      if (text.includes('Ready to accept connections')) resolveReady();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited (code ${code}): ${output.slice(-500)}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}
