import type { Logger } from 'pino';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { routes, type FeatureModule } from '../module.ts';
import { createAlertRulesRepository } from './alert-rules.repository.ts';
import { alertRoutes } from './alerts.routes.ts';
import { crisisQueue } from './alerts.queue.ts';
import { createAlertService } from './alerts.service.ts';
import { createCrisisDetector } from './crisis-detector.ts';

/**
 * Crisis early warning (危机预警): the worker's detector over receivedAt windows (volume, topics,
 * watch-list terms, negative share, spread), four-level alerts with the playbook's actions, and
 * the rules that grade them.
 */
export function alertsModule(deps: { db: Database; clock: Clock; logger: Logger }) {
  const detector = createCrisisDetector(deps);
  const module: FeatureModule = {
    name: 'alerts',
    routes: [routes(alertRoutes, { alerts: createAlertService(deps), rules: createAlertRulesRepository(deps.db), clock: deps.clock })],
    queues: [crisisQueue({ detector })],
  };
  return { module, detector };
}
