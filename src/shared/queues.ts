import type { ConnectionOptions } from 'bullmq';

/**
 * BullMQ connection settings. Workers block on Redis and must retry forever
 * (`maxRetriesPerRequest: null`), so that a restarted Redis is a pause, not a crash.
 */
export function workerConnection(redisUrl: string): ConnectionOptions {
  return { url: redisUrl, maxRetriesPerRequest: null, enableOfflineQueue: true };
}

/** Producers fail fast instead: the API must answer even while Redis is away. */
export function producerConnection(redisUrl: string): ConnectionOptions {
  return { url: redisUrl, maxRetriesPerRequest: 1, enableOfflineQueue: false };
}
