import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { routes, type FeatureModule } from '../module.ts';
import { createTeamRepository } from './teams.repository.ts';
import { teamRoutes } from './teams.routes.ts';

export function teamsModule(deps: { db: Database; clock: Clock }) {
  const repository = createTeamRepository(deps.db);
  const module: FeatureModule = { name: 'teams', routes: [routes(teamRoutes, { teams: repository, clock: deps.clock })] };
  return { repository, module };
}
