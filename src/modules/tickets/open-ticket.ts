import { newId } from '../../shared/ids.ts';
import type { TicketWrites } from './ticket-writes.ts';
import type { Actor, NewEvent } from '../events/events.repository.ts';
import type { Classification } from '../classification/classification.schemas.ts';
import { documentLexemes } from '../search/search-tokens.ts';
import type { TicketRow } from './tickets.repository.ts';
import type { MessageRow } from '../messages/messages.repository.ts';
import { presentTicket } from './tickets.presenter.ts';
import { presentMessage } from '../messages/messages.presenter.ts';
import type { SlaEngine } from '../sla/sla-engine.ts';
import type { TimerIntent } from '../sla/timer-intents.ts';
import type { SlaTargetRow } from '../sla/sla.repository.ts';
import type { RoutingEngine } from '../routing/routing-engine.ts';

export interface OpenTicketInput {
  subject: string;
  body: string;
  channel: TicketRow['channel'];
  customerId: string;
  author: 'customer' | 'agent';
  agentId?: string | null;
  priority?: TicketRow['priority'];
  type?: TicketRow['type'];
  classification?: Classification | null;
  assigneeId?: string | null;
  teamId?: string | null;
  tags?: string[];
  threadId?: string | null;
  externalId?: string | null;
  receivedAt?: Date | null;
  /** `set` when a channel's message opens it (rules set priority); `raise` when a person does (they may have chosen it). */
  priorityMode?: 'set' | 'raise';
  actor: Actor;
  at: Date;
}

/**
 * A ticket and its first message, with their events, inside the caller's transaction. Shared by
 * channel intake and by agents logging a call, so both produce the same timeline. Routing decides
 * before the insert, so the ticket is written once, routed, and `ticket.created` shows it so
 * (each rule that acted follows as a `ticket.routed` event).
 */
export async function openTicket(
  repos: TicketWrites,
  input: OpenTicketInput,
  sla?: SlaEngine,
  routing?: RoutingEngine,
): Promise<{ ticket: TicketRow; message: MessageRow; intents: TimerIntent[]; slaTargets?: SlaTargetRow[] }> {
  const { at } = input;
  const id = newId('ticket', at.getTime());
  const type = input.type ?? input.classification?.type ?? null;
  const draft = { teamId: input.teamId ?? null, assigneeId: input.assigneeId ?? null, priority: input.priority ?? 'normal', tags: input.tags ?? [] };
  const routed = routing
    ? await routing.decide(
        repos,
        { ...draft, ticketId: null, customerId: input.customerId, type, channel: input.channel, classification: input.classification ?? null },
        at,
        { mode: input.priorityMode ?? 'set', typeReviewed: input.type !== undefined && input.type !== null },
      )
    : { state: draft, outcomes: [] };
  const ticket = await repos.tickets.insert(
    {
      id,
      subject: input.subject,
      status: 'new',
      type,
      priority: routed.state.priority,
      channel: input.channel,
      customerId: input.customerId,
      assigneeId: routed.state.assigneeId,
      teamId: routed.state.teamId,
      tags: routed.state.tags,
      classification: input.classification ?? null,
      threadId: input.threadId ?? null,
      createdAt: at,
      updatedAt: at,
    },
    documentLexemes(input.subject),
  );
  const message = await repos.messages.insert({
    id: newId('message', at.getTime()),
    ticketId: ticket.id,
    author: input.author,
    visibility: 'public',
    body: input.body,
    agentId: input.author === 'agent' ? (input.agentId ?? null) : null,
    customerId: input.author === 'customer' ? input.customerId : null,
    channel: input.channel,
    externalId: input.externalId ?? null,
    receivedAt: input.receivedAt ?? null,
    createdAt: at,
  });
  const events: NewEvent[] = [
    { type: 'ticket.created', ticketId: ticket.id, actor: input.actor, data: { ticket: presentTicket(ticket) }, at },
    { type: 'message.created', ticketId: ticket.id, actor: input.actor, data: { message: summariseMessage(message) }, at },
  ];
  if (input.classification) {
    events.push({
      type: 'ticket.classified',
      ticketId: ticket.id,
      actor: { type: 'system', id: null },
      data: { classification: input.classification },
      at,
    });
  }
  if (routing) events.push(...routing.events(ticket.id, routed.outcomes, 'ticket.created', at));
  await repos.events.append(events);
  if (!sla) return { ticket, message, intents: [] };
  const { intents, targets } = await sla.onTicketCreated(repos, ticket, at);
  return { ticket, message, intents, slaTargets: targets };
}

/**
 * Events are delivered to webhook subscribers; the body is there for them, as in the API.
 * (Personal data stays out of logs, not out of the customer's own record.)
 */
export function summariseMessage(message: MessageRow) {
  return presentMessage(message);
}
