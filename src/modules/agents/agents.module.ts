import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { routes, type FeatureModule } from '../module.ts';
import type { TeamRepository } from '../teams/teams.repository.ts';
import type { Credentials } from '../auth/credentials.ts';
import { createAgentService } from './agents.service.ts';
import { agentRoutes } from './agents.routes.ts';

export function agentsModule(deps: { db: Database; clock: Clock; teams: Pick<TeamRepository, 'findById'>; credentials: Pick<Credentials, 'signInThrottles' | 'forgetCached'> }) {
  const service = createAgentService({
    db: deps.db,
    teams: deps.teams,
    throttles: deps.credentials.signInThrottles,
    clock: deps.clock,
    onAccessChanged: () => deps.credentials.forgetCached(),
  });
  const module: FeatureModule = { name: 'agents', routes: [routes(agentRoutes, { agents: service })] };
  return { service, module };
}
