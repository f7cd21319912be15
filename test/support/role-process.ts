import type { ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { spawnTied } from '../../src/infra/tied-spawn.ts';

/** A production role (`src/main.ts` or `src/worker.ts`) as its own process, as an orchestrator runs it. */
export interface RoleProcess {
  child: ChildProcess;
  /** Resolves when it ends: its code (null when a signal ended it) and when. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** Resolves when it logs a pino line whose msg contains `message`; rejects if it exits first. */
  waitForLog(message: string, timeoutMs?: number): Promise<void>;
  /** The msg of every line it logged at warn or above (level ≥ 40)… */
  problems: string[];
  /** …and of those at error or above (level ≥ 50). */
  errors: string[];
}

export function spawnRole(entry: 'src/main.ts' | 'src/worker.ts', env: Record<string, string | undefined>, options: { logFile?: string } = {}): RoleProcess {
  const child = spawnTied(process.execPath, ['--import', 'tsx', entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const watchers = new Set<(msg: string) => void>();
  const problems: string[] = [];
  const errors: string[] = [];
  // Reading every line keeps the pipe drained: a full pipe would stall the process.
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (options.logFile) appendFileSync(options.logFile, `${line}\n`);
    let parsed: { msg?: string; level?: number };
    try {
      parsed = JSON.parse(line) as { msg?: string; level?: number };
    } catch {
      return; // the banner and the once-printed keys
    }
    const msg = parsed.msg ?? '';
    if ((parsed.level ?? 0) >= 40) problems.push(msg);
    if ((parsed.level ?? 0) >= 50) errors.push(msg);
    for (const watch of watchers) watch(msg);
  });
  return {
    child,
    exited,
    problems,
    errors,
    waitForLog(message, timeoutMs = 60_000) {
      return new Promise<void>((resolve, reject) => {
        const done = (error?: Error) => {
          clearTimeout(timer);
          watchers.delete(watch);
          if (error) reject(error);
          else resolve();
        };
        const watch = (msg: string) => msg.includes(message) && done();
        const timer = setTimeout(() => done(new Error(`${entry}: no "${message}" within ${timeoutMs} ms`)), timeoutMs);
        watchers.add(watch);
        void exited.then(({ code, signal }) => done(new Error(`${entry} exited (${code ?? signal}) before "${message}"`)));
      });
    },
  };
}

/** SIGTERM, then how long it took to exit and with what. */
export async function terminate(role: RoleProcess): Promise<{ code: number | null; ms: number }> {
  const at = Date.now();
  role.child.kill('SIGTERM');
  const { code, at: end } = await role.exited;
  return { code, ms: end - at };
}
