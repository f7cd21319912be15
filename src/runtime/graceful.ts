import closeWithGrace from 'close-with-grace';
import type { Logger } from 'pino';

/**
 * Graceful shutdown on SIGINT/SIGTERM and on fatal errors. Under `npm start`, Ctrl-C reaches us
 * twice (from the terminal and forwarded by npm), so a repeat within a few seconds is ignored; a
 * later one (the person pressing Ctrl-C again) forces the exit.
 */
export function shutdownGracefully(logger: Logger, delayMs: number, close: () => Promise<void>) {
  const grace = closeWithGrace({ delay: delayMs, logger: false, skip: ['SIGINT', 'SIGTERM'] }, async ({ err, manual }) => {
    if (err) logger.error({ err }, 'shutting down after an error');
    else if (manual) logger.info('shutting down: finishing in-flight work');
    await close();
  });
  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    const now = Date.now();
    if (firstSignalAt === 0) {
      firstSignalAt = now;
      logger.info({ signal }, 'signal received');
      grace.close();
    } else if (now - firstSignalAt > 3_000) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
