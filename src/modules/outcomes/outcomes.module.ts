import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { routes, type FeatureModule } from '../module.ts';
import { createOutcomeService } from './outcomes.service.ts';
import { outcomeRoutes } from './outcomes.routes.ts';

/** Published outcomes (反馈结果公示): staff publish a note on a suggestion or complaint; anyone reads the feed. */
export function outcomesModule(deps: { db: Database; clock: Clock }) {
  const service = createOutcomeService(deps);
  const module: FeatureModule = { name: 'outcomes', routes: [routes(outcomeRoutes, { outcomes: service })] };
  return { service, module };
}
