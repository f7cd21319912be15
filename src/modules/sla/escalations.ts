import { SYSTEM_ACTOR } from '../events/actor.ts';
import type { EventRepository } from '../events/events.repository.ts';
import type { TicketRepository, TicketRow } from '../tickets/tickets.repository.ts';
import type { TeamRepository } from '../teams/teams.repository.ts';
import type { AgentRepository } from '../agents/agents.repository.ts';

export interface EscalationRepos {
  tickets: Pick<TicketRepository, 'findById' | 'update'>;
  teams: Pick<TeamRepository, 'findById'>;
  agents: Pick<AgentRepository, 'findById'>;
  events: Pick<EventRepository, 'append'>;
}
import type { EscalationAction } from './sla.schemas.ts';

const PRIORITY_RANK = { low: 0, normal: 1, high: 2, urgent: 3 } as const;

/**
 * Applies escalation actions to a ticket, inside the transaction that recorded the warning or
 * breach, as one `ticket.updated` event by the system. Raising priority never lowers it; an
 * agent or team that no longer exists is skipped rather than failing the breach.
 */
export async function applyEscalations(
  repos: EscalationRepos,
  ticketId: string,
  actions: EscalationAction[],
  cause: { type: 'sla.warning' | 'sla.breached'; targetId: string },
  at: Date,
): Promise<TicketRow | null> {
  if (actions.length === 0) return null;
  const ticket = await repos.tickets.findById(ticketId, { forUpdate: true });
  if (!ticket || ticket.status === 'closed') return null;
  const set: Partial<TicketRow> = {};
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  let tags = ticket.tags;
  for (const action of actions) {
    if (action.type === 'set_priority' && PRIORITY_RANK[action.priority] > PRIORITY_RANK[set.priority ?? ticket.priority]) {
      set.priority = action.priority;
    } else if (action.type === 'assign_team' && (await repos.teams.findById(action.teamId))) {
      set.teamId = action.teamId;
    } else if (action.type === 'assign_agent' && (await repos.agents.findById(action.agentId))) {
      set.assigneeId = action.agentId;
    } else if (action.type === 'add_tag' && !tags.includes(action.tag)) {
      tags = [...tags, action.tag];
      set.tags = tags;
    }
  }
  for (const field of ['priority', 'teamId', 'assigneeId', 'tags'] as const) {
    if (set[field] !== undefined && JSON.stringify(set[field]) !== JSON.stringify(ticket[field])) {
      changes[field] = { from: ticket[field], to: set[field] };
    }
  }
  if (Object.keys(changes).length === 0) return null;
  const updated = await repos.tickets.update(ticketId, { ...set, updatedAt: at });
  await repos.events.append([
    { type: 'ticket.updated', ticketId, actor: SYSTEM_ACTOR, data: { changes, cause: cause.type, targetId: cause.targetId }, at },
  ]);
  return updated ?? null;
}
