import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { routes, type FeatureModule } from '../module.ts';
import { createHotspotQueries } from './hotspots.queries.ts';
import { hotspotRoutes } from './hotspots.routes.ts';
import { loadSegmenter } from './segmenter.ts';
import { createTopicExtractor, type TopicExtractor } from './topic-extractor.ts';
import { createTopicIndexer } from './topic-indexer.ts';
import { topicsSubscriber } from './topics.subscriber.ts';
import { topicsQueue } from './topics.queue.ts';

/**
 * Topics of tickets (keywords and phrases of their customers' messages) and the per-message
 * signals crisis detection counts, both written by an event-relay subscriber; and the hotspots
 * report over them. The segmenter's dictionary loads on first use, so an API process never pays for it.
 */
export function topicsModule(deps: { db: Database; clock: Clock }) {
  let extractor: TopicExtractor | undefined;
  const indexer = createTopicIndexer({ extractor: () => (extractor ??= createTopicExtractor(loadSegmenter())) });
  const module: FeatureModule = {
    name: 'topics',
    routes: [routes(hotspotRoutes, { queries: createHotspotQueries(deps.db), clock: deps.clock })],
    subscribers: [topicsSubscriber({ indexer })],
    queues: [topicsQueue({ db: deps.db, indexer })],
  };
  return { module, indexer };
}
