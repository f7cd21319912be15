import { notFound, unprocessable } from '../../http/problem.ts';

export const routingRuleNotFound = (id: string) => notFound('routing_rules', `No routing rule ${id}`);

/** A rule names a team, agent or calendar that does not exist (it would silently never act). */
export const unknownRoutingReference = (path: string, what: string, id: string) =>
  unprocessable('routing_rules.unknown_reference', `No ${what} ${id}`, [{ path, message: 'does not exist' }]);
