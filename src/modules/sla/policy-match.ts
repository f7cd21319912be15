import type { PolicyConditions } from './sla.schemas.ts';

export interface TicketFacts {
  type: string | null;
  priority: string;
  channel: string;
  tags: readonly string[];
}

/** Every list a policy gives must match; tags match when the ticket has any of them. */
export function conditionsMatch(conditions: PolicyConditions, ticket: TicketFacts): boolean {
  if (conditions.types?.length && (!ticket.type || !conditions.types.includes(ticket.type as never))) return false;
  if (conditions.priorities?.length && !conditions.priorities.includes(ticket.priority as never)) return false;
  if (conditions.channels?.length && !conditions.channels.includes(ticket.channel as never)) return false;
  if (conditions.tags?.length && !conditions.tags.some((tag) => ticket.tags.includes(tag))) return false;
  return true;
}

/** The first active policy by position (then id, for a stable order) whose conditions match. */
export function matchPolicy<P extends { position: number; id: string; active: boolean; conditions: PolicyConditions }>(
  policies: readonly P[],
  ticket: TicketFacts,
): P | undefined {
  return [...policies]
    .sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .find((policy) => policy.active && conditionsMatch(policy.conditions, ticket));
}
