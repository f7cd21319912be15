import type { Redis } from 'ioredis';
import type { Database } from '../../db/client.ts';
import { routes, type FeatureModule } from '../module.ts';
import { eventFeedRoutes } from './events.routes.ts';
import { createEventWakeups, eventStreamRoutes } from './events.stream.ts';
import type { Logger } from 'pino';
import { eventNoticeSubscriber } from './event-notices.ts';

/** The change feed, the live stream, and notices of new events to every process. */
export function eventsModule(deps: { db: Database; redis: Pick<Redis, 'publish'>; redisUrl: string; prefix: string; logger: Logger }): FeatureModule {
  const wakeups = createEventWakeups(deps);
  return {
    name: 'events',
    routes: [routes(eventFeedRoutes, { db: deps.db }), routes(eventStreamRoutes, { db: deps.db, wakeups })],
    subscribers: [eventNoticeSubscriber(deps)],
    close: async () => wakeups.close(),
  };
}
