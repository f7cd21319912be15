import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { routes, type FeatureModule } from '../module.ts';
import type { TicketService } from '../tickets/tickets.service.ts';
import { createTeamRepository } from '../teams/teams.repository.ts';
import { createMacroRepository } from './macros.repository.ts';
import { createMacroService } from './macros.service.ts';
import { macroRoutes } from './macros.routes.ts';

/** Macros (canned replies): named, global or a team's, bilingual, applied to a ticket as one change. */
export function macrosModule(deps: { db: Database; clock: Clock; tickets: TicketService }) {
  const service = createMacroService({ macros: createMacroRepository(deps.db), teams: createTeamRepository(deps.db), tickets: deps.tickets, clock: deps.clock });
  const module: FeatureModule = { name: 'macros', routes: [routes(macroRoutes, { macros: service, tickets: deps.tickets })] };
  return { service, module };
}
