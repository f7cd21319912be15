import type { Redis } from 'ioredis';
import type { EventSubscriber } from './events.relay.ts';

/** The Redis channel on which the relay says "new events up to seq N" to every process. */
export const eventNoticeChannel = (prefix: string) => `${prefix}:events`;

/**
 * Tells every API process that events were committed (a Redis message with the last seq), so
 * that live views (the helpdesk's stream) read them at once instead of polling. A notice is only
 * a hint: readers take the events themselves from Postgres, so a lost notice delays, never loses.
 */
export function eventNoticeSubscriber(deps: { redis: Pick<Redis, 'publish'>; prefix: string }): EventSubscriber {
  return {
    name: 'event-notices',
    handle: async () => undefined,
    async afterCommit(events) {
      const last = events[events.length - 1]!;
      await deps.redis.publish(eventNoticeChannel(deps.prefix), JSON.stringify({ seq: last.seq, count: events.length })).catch(() => 0);
    },
  };
}

