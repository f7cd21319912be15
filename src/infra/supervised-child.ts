import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { StartupError } from './commands.ts';
import { spawnTied } from './tied-spawn.ts';

export interface RunAs {
  uid: number;
  gid: number;
}

export interface SupervisedChildOptions {
  /** For logs and messages: `postgres`, `redis-server`. */
  name: string;
  command: string;
  args: string[];
  /** Run the child as another user (Postgres refuses to run as root). */
  runAs?: RunAs | undefined;
  env?: NodeJS.ProcessEnv;
  /** Written to the child's stdin, then closed (configuration that must not show in `ps`). */
  stdin?: string;
  /** A line of the child's output that says it is ready to serve. */
  ready: (line: string) => boolean;
  /** The signal for a clean, fast stop (Postgres: SIGINT, Redis: SIGTERM). */
  stopSignal: NodeJS.Signals;
  logger: Logger;
  /** Called before every restart after an unexpected exit (e.g. to remove a stale pid file). */
  beforeRestart?: () => Promise<void>;
  startTimeoutMs?: number;
}

export interface SupervisedChild {
  readonly pid: number | undefined;
  /** Starts counted since the first one: 0 until the child has been restarted. */
  readonly restarts: number;
  stop(): Promise<void>;
  /** Ends supervision and sends `signal` at once (fault tests: a server that dies and stays down). */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export class ChildStartError extends StartupError {}

const MAX_BACKOFF_MS = 5_000;

/**
 * Runs a server we own as a child process and keeps it running: an unexpected exit (a crash, a
 * SIGKILL from an operator) restarts it with a growing back-off, so the service recovers by
 * itself. The child is tied to us (see spawnTied): nothing we start outlives us.
 * Spawn failures reject the returned promise; they never escape as unhandled 'error' events.
 */
export async function startSupervisedChild(options: SupervisedChildOptions): Promise<SupervisedChild> {
  const log = options.logger.child({ component: options.name });
  let current: ChildProcess | undefined;
  let stopping = false;
  let restarts = 0;

  const launch = () => spawnUntilReady(options, log).then((child) => {
    current = child;
    child.once('exit', (code, signal) => {
      if (stopping) return;
      log.warn({ code, signal }, `${options.name} exited unexpectedly: restarting`);
      void restartLoop();
    });
    return child;
  });

  const restartLoop = async () => {
    for (let attempt = 0; !stopping; attempt++) {
      await sleep(Math.min(MAX_BACKOFF_MS, 200 * 2 ** attempt));
      if (stopping) return;
      try {
        await options.beforeRestart?.();
        const child = await launch();
        restarts++;
        if (stopping) await stopChild(child, options.stopSignal);
        log.info({ restarts }, `${options.name} restarted`);
        return;
      } catch (error) {
        log.warn({ err: (error as Error).message, attempt }, `${options.name} did not restart yet`);
      }
    }
  };

  await launch();
  return {
    get pid() {
      return current?.pid;
    },
    get restarts() {
      return restarts;
    },
    async stop() {
      stopping = true;
      if (current) await stopChild(current, options.stopSignal);
    },
    async kill(signal) {
      stopping = true;
      if (current) await stopChild(current, signal);
    },
  };
}

function spawnUntilReady(options: SupervisedChildOptions, log: Logger): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    let output = '';
    let settled = false;
    const child = spawnTied(options.command, options.args, {
      deathSignal: options.stopSignal,
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      env: options.env ?? process.env,
      ...(options.runAs ? { uid: options.runAs.uid, gid: options.runAs.gid } : {}),
    });
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      reject(new ChildStartError(message));
    };
    const timer = setTimeout(
      () => fail(`${options.name} was not ready within ${(options.startTimeoutMs ?? 60_000) / 1000} s: ${output.slice(-400).trim()}`),
      options.startTimeoutMs ?? 60_000,
    );
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      if (!settled) output = (output + text).slice(-4_000);
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        log.debug({ line: line.trim() });
        if (!settled && options.ready(line)) {
          settled = true;
          clearTimeout(timer);
          resolve(child);
        }
      }
    };
    if (options.stdin !== undefined) {
      child.stdin?.on('error', () => undefined); // the child's own exit reports the problem
      child.stdin?.end(options.stdin);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('error', (error) => fail(`${options.name} could not be started (${options.command}): ${error.message}`));
    child.once('exit', (code, signal) => fail(`${options.name} exited during start-up (${signal ?? `code ${code}`}): ${output.slice(-400).trim()}`));
  });
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill(signal);
  });
}
