import { EnvError } from '../config/env.ts';
import { StartupError } from '../infra/commands.ts';

/** Start-up failures a person can fix get one clear line, not a stack trace. */
export function exitOnStartupError(error: unknown): never {
  if (error instanceof EnvError || error instanceof StartupError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
}
