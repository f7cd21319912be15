import type { ConnectionOptions } from 'bullmq';
import type { RedisOptions } from 'ioredis';

/**
 * Reconnect quickly and forever: a restarted Redis is a pause of at most half a second more
 * than its own restart (the default back-off grows to 2 s), so overdue timers fire soon after.
 */
const RECONNECT = { retryStrategy: (attempt: number) => Math.min(attempt * 100, 500) };

/**
 * BullMQ connection settings. Workers block on Redis and must retry forever
 * (`maxRetriesPerRequest: null`), so that a restarted Redis is a pause, not a crash.
 */
export function workerConnection(redisUrl: string): ConnectionOptions {
  return { url: redisUrl, maxRetriesPerRequest: null, enableOfflineQueue: true, ...RECONNECT };
}

/** Producers fail fast instead: the API must answer even while Redis is away. */
export function producerConnection(redisUrl: string): ConnectionOptions {
  return { url: redisUrl, maxRetriesPerRequest: 1, enableOfflineQueue: false, ...RECONNECT };
}

/** A plain ioredis connection with the workers' reconnect policy (watchers, the sweeper's marks). */
export const workerRedisOptions: RedisOptions = { maxRetriesPerRequest: null, ...RECONNECT };
