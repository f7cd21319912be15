import type { z } from 'zod';
import type { ClassifyFn } from '../tickets/tickets.service.ts';
import type { RoutingEngine, RoutingRepos } from './routing-engine.ts';
import type { DryRunRequestSchema, DryRunResponseSchema } from './routing.schemas.ts';
import { unknownRoutingReference } from './routing.errors.ts';

export type DryRunRequest = z.output<typeof DryRunRequestSchema>;
export type DryRunResponse = z.input<typeof DryRunResponseSchema>;
export type RoutingDryRun = (request: DryRunRequest) => Promise<DryRunResponse>;

/**
 * The same classifier and the same matcher intake uses, on the pool and without side effects: the
 * round-robin shows whom it would pick next without taking the turn.
 */
export function createRoutingDryRun(deps: {
  engine: RoutingEngine;
  repos: RoutingRepos & { customers: { findById(id: string): Promise<unknown> } };
  classify?: ClassifyFn | undefined;
  now: () => Date;
}): RoutingDryRun {
  return async (request) => {
    if (request.customerId && !(await deps.repos.customers.findById(request.customerId))) {
      throw unknownRoutingReference('body.customerId', 'customer', request.customerId);
    }
    const classification = deps.classify ? deps.classify(request.subject ? `${request.subject}\n${request.body}` : request.body) : null;
    const at = request.at ? new Date(request.at) : deps.now();
    const { state, outcomes } = await deps.engine.decide(
      deps.repos,
      {
        ticketId: null,
        // No customer: nobody's history, so repeat-contact conditions see none.
        customerId: request.customerId ?? '',
        type: classification?.type ?? null,
        channel: request.channel,
        classification,
        teamId: null,
        assigneeId: null,
        priority: request.priority,
        tags: request.tags,
      },
      at,
      { mode: 'set', dryRun: true },
    );
    return {
      classification,
      rules: outcomes.map((o) => ({ id: o.rule.id, name: o.rule.name, matched: o.matched, reached: o.reached, reasons: o.reasons, actions: o.actions })),
      result: state,
    };
  };
}
