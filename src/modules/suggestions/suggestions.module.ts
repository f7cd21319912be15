import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { routes, type FeatureModule } from '../module.ts';
import type { TicketService } from '../tickets/tickets.service.ts';
import { createCustomerRepository } from '../customers/customers.repository.ts';
import { createAgentRepository } from '../agents/agents.repository.ts';
import { createMacroRepository } from '../macros/macros.repository.ts';
import { createSuggestionRepository } from './suggestions.repository.ts';
import { createSuggestionService } from './suggestions.service.ts';
import { suggestionRoutes } from './suggestions.routes.ts';
import { suggestionsSubscriber } from './suggestions.subscriber.ts';

/** Suggested answers: an index of solved tickets kept by the relay, ranked in-process per question. */
export function suggestionsModule(deps: { db: Database; clock: Clock; tickets: TicketService }) {
  const service = createSuggestionService({
    suggestions: createSuggestionRepository(deps.db),
    macros: createMacroRepository(deps.db),
    customers: createCustomerRepository(deps.db),
    agents: createAgentRepository(deps.db),
    tickets: deps.tickets,
    clock: deps.clock,
  });
  const module: FeatureModule = {
    name: 'suggestions',
    routes: [routes(suggestionRoutes, { suggestions: service })],
    subscribers: [suggestionsSubscriber()],
  };
  return { service, module };
}
