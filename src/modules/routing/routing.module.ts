import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { routes, type FeatureModule } from '../module.ts';
import type { ClassifyFn } from '../tickets/tickets.service.ts';
import { createTicketUnitOfWork } from '../tickets/ticket-writes.ts';
import { createCalendarCache } from '../sla/sources.ts';
import { createRoutingEngine, createRuleCache } from './routing-engine.ts';
import { createRoutingRuleRepository } from './routing.repository.ts';
import { createRoutingDryRun } from './routing-dry-run.ts';
import { routingRuleRoutes } from './routing.routes.ts';

/**
 * Routing by kind: ordered rules on the ticket and its classification that assign a team or an
 * agent (round-robin), set priority and add tags, inside the transaction that opens or changes a
 * ticket. The engine goes to the tickets and intake features; the rules' routes live here.
 */
export function routingModule(deps: { db: Database; clock: Clock; classify?: ClassifyFn | undefined }) {
  const ruleCache = createRuleCache();
  // Its own calendar cache: each lookup checks the calendar's version, so it never serves a stale one.
  const engine = createRoutingEngine({ rules: ruleCache, calendars: createCalendarCache() });
  const read = createTicketUnitOfWork(deps.db).read;
  const rules = createRoutingRuleRepository(deps.db);
  const module: FeatureModule = {
    name: 'routing',
    routes: [
      routes(routingRuleRoutes, {
        rules,
        clock: deps.clock,
        dryRun: createRoutingDryRun({ engine, repos: read, classify: deps.classify, now: () => deps.clock.now() }),
        teamExists: async (id: string) => !!(await read.teams.findById(id)),
        agentExists: async (id: string) => !!(await read.agents.findById(id)),
        calendarExists: async (id: string) => !!(await read.calendars.findById(id)),
        onChange: () => ruleCache.invalidate(),
      }),
    ],
  };
  return { engine, module };
}
