import closeWithGrace from 'close-with-grace';
import type { Logger } from 'pino';

/**
 * A signal sent to a process group reaches us more than once within milliseconds (from the
 * terminal or orchestrator, and forwarded by npm): repeats this close together are one delivery.
 */
const SAME_DELIVERY_MS = 1_000;

/** What a role's close gets: the time left before the bound, to share among its parts. */
export interface ShutdownBudget {
  remainingMs(): number;
}

/**
 * Graceful shutdown on SIGINT/SIGTERM and on fatal errors: `close` runs once, within `timeoutMs`
 * (SHUTDOWN_TIMEOUT_MS). Past the bound, or on a second signal (not the same delivery repeated),
 * the process exits with 1 at once: an orchestrator's patience is finite, and whatever did not
 * finish is retried elsewhere (jobs are idempotent, requests are retried by clients).
 */
export function shutdownGracefully(logger: Logger, timeoutMs: number, close: (budget: ShutdownBudget) => Promise<void>) {
  let startedAt = 0;
  const budget: ShutdownBudget = { remainingMs: () => Math.max(0, timeoutMs - (Date.now() - startedAt)) };
  const grace = closeWithGrace(
    {
      delay: timeoutMs,
      logger: false,
      skip: ['SIGINT', 'SIGTERM'],
      onTimeout: () => logger.error({ timeoutMs }, 'shutdown took longer than SHUTDOWN_TIMEOUT_MS: exiting with work unfinished'),
    },
    async ({ err, manual }) => {
      startedAt = Date.now();
      if (err) logger.error({ err }, 'shutting down after an error');
      else if (manual) logger.info({ timeoutMs }, 'shutting down: finishing in-flight work');
      await close(budget);
      logger.info({ ms: Date.now() - startedAt }, 'shut down');
    },
  );
  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    const now = Date.now();
    if (firstSignalAt === 0) {
      firstSignalAt = now;
      logger.info({ signal }, 'signal received');
      void grace.close();
    } else if (now - firstSignalAt > SAME_DELIVERY_MS) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
