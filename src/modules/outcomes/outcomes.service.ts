import type { Database } from '../../db/client.ts';
import { createUnitOfWork } from '../../db/unit-of-work.ts';
import type { KeysetPosition } from '../../db/keyset.ts';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import { createEventRepository, type Actor } from '../events/events.repository.ts';
import { createTicketRepository } from '../tickets/tickets.repository.ts';
import { createCustomerRepository } from '../customers/customers.repository.ts';
import { ticketNotFound } from '../tickets/tickets.errors.ts';
import { prepareText } from '../topics/topic-text.ts';
import { createOutcomeRepository, type OutcomeRow } from './outcomes.repository.ts';
import { outcomeNotFound, outcomeWrongType, personalData } from './outcomes.errors.ts';
import type { PublishOutcomeInput } from './outcomes.schemas.ts';

/**
 * Whether text carries what must never be published: what topic extraction blanks (links, e-mail
 * addresses, runs of seven digits or more) or the customer's own name.
 */
export function looksPersonal(text: string, customerName: string | null): boolean {
  const normalised = text.normalize('NFKC');
  if (prepareText(normalised).written !== normalised) return true;
  const name = customerName?.normalize('NFKC').trim();
  return Boolean(name && name.length >= 2 && normalised.toLowerCase().includes(name.toLowerCase()));
}

export const presentOutcome = (row: OutcomeRow) => ({
  id: row.id,
  ticketId: row.ticketId,
  type: row.type,
  note: row.note,
  topic: row.topic,
  tags: row.tags,
  publishedAt: row.publishedAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** The public view: the note, type, topic, tags and the day; no ticket, no time of day. */
export const presentPublicOutcome = (row: OutcomeRow) => ({
  id: row.id,
  type: row.type,
  note: row.note,
  topic: row.topic,
  tags: row.tags,
  date: row.publishedAt.toISOString().slice(0, 10),
});

export function createOutcomeService(deps: { db: Database; clock: Clock }) {
  const uow = createUnitOfWork(deps.db, (executor) => ({
    outcomes: createOutcomeRepository(executor),
    tickets: createTicketRepository(executor),
    customers: createCustomerRepository(executor),
    events: createEventRepository(executor),
  }));

  return {
    async get(ticketId: string): Promise<OutcomeRow> {
      const row = await uow.read.outcomes.findByTicket(ticketId);
      if (!row) throw outcomeNotFound(ticketId);
      return row;
    },

    /** Publishes (or rewrites) the outcome of a suggestion or complaint, with `outcome.published`. */
    async publish(ticketId: string, input: PublishOutcomeInput, actor: Actor): Promise<{ row: OutcomeRow; created: boolean }> {
      const at = deps.clock.now();
      return uow.transaction(async (repos) => {
        const ticket = await repos.tickets.findById(ticketId, { forUpdate: true });
        if (!ticket) throw ticketNotFound(ticketId);
        if (ticket.type !== 'complaint' && ticket.type !== 'suggestion') throw outcomeWrongType(ticket.type);
        const customerName = (await repos.customers.findById(ticket.customerId))?.name ?? null;
        if (looksPersonal(input.note, customerName)) throw personalData('note');
        if (input.topic && looksPersonal(input.topic, customerName)) throw personalData('topic');
        const existing = await repos.outcomes.findByTicket(ticketId);
        const row = await repos.outcomes.upsert({
          id: existing?.id ?? newId('outcome', at.getTime()),
          ticketId,
          type: ticket.type,
          note: input.note,
          topic: input.topic ?? null,
          tags: input.tags ?? [],
          publishedAt: existing?.publishedAt ?? at,
          updatedAt: at,
          publishedByType: actor.type,
          publishedById: actor.id,
        });
        await repos.events.append([
          { type: 'outcome.published', ticketId, actor, data: { outcome: presentPublicOutcome(row), republished: Boolean(existing) }, at },
        ]);
        return { row, created: !existing };
      });
    },

    async withdraw(ticketId: string, actor: Actor): Promise<void> {
      const at = deps.clock.now();
      await uow.transaction(async (repos) => {
        const row = await repos.outcomes.delete(ticketId);
        if (!row) throw outcomeNotFound(ticketId);
        await repos.events.append([{ type: 'outcome.withdrawn', ticketId, actor, data: { outcomeId: row.id }, at }]);
      });
    },

    list: (filters: { type?: string | undefined; topic?: string | undefined; tag?: string | undefined }, limit: number, after?: KeysetPosition) =>
      uow.read.outcomes.list(filters, limit + 1, after),

    /** A few of a type for the survey page, those about the same topic or tags as the ticket first (any type when it has none). */
    recent: (type: string | null, limit: number, ticketId: string | null = null) =>
      type === 'complaint' || type === 'suggestion' ? uow.read.outcomes.recentFor(type, ticketId, limit) : uow.read.outcomes.list({}, limit),
  };
}

export type OutcomeService = ReturnType<typeof createOutcomeService>;
