import type { QueueHandles } from '../../shared/queue-handles.ts';
import { routes, type FeatureModule } from '../module.ts';
import { queueViewRoutes } from './queue-view.routes.ts';

/** The operators' queue view (bull-board, read-only, admins only) over every module's queues. */
export function queuesModule(deps: { queues: QueueHandles }): FeatureModule {
  return {
    name: 'queues',
    routes: [routes(queueViewRoutes, { queues: deps.queues })],
  };
}
