import type pg from 'pg';
import { getTableColumns, type Table } from 'drizzle-orm';
import { newId } from '../../shared/ids.ts';
import type { Actor, NewEvent } from '../events/events.repository.ts';
import type { Classification } from '../classification/classification.schemas.ts';
import { documentLexemes } from '../search/search-tokens.ts';
import { identityKeys, identityLockKey, normaliseEmail, normalisePhone } from '../customers/identities.ts';
import { tickets } from '../tickets/tickets.table.ts';
import { messages } from '../messages/messages.table.ts';
import { slaTargets } from '../sla/sla.tables.ts';
import type { TicketRow } from '../tickets/tickets.repository.ts';
import type { MessageRow } from '../messages/messages.repository.ts';
import type { SlaTargetRow } from '../sla/sla.repository.ts';
import type { SlaEngine, SlaRepos } from '../sla/sla-engine.ts';
import type { RoutingEngine, RoutingRepos } from '../routing/routing-engine.ts';
import { timerChanges, type TimerIntent } from '../sla/timer-intents.ts';
import { presentTicket } from '../tickets/tickets.presenter.ts';
import { presentMessage } from '../messages/messages.presenter.ts';
import type { InquiryInput } from './inquiries.schemas.ts';

/** Thrown by the probe repositories: deciding this intake needs the database, so the general path decides it. */
class NeedsDatabase extends Error {}

const needsDatabase = (): never => {
  throw new NeedsDatabase();
};

/** Repositories that answer nothing: any call (`repos.teams.findById(…)`) means the decision is not pure. */
const probe = <T extends object>(): T => new Proxy(needsDatabase, { get: () => probe(), apply: needsDatabase }) as unknown as T;

/** A row keyed by column name, as `jsonb_populate_record` reads it. */
/**
 * Lexemes as tsvector input text, what `array_to_tsvector` would make of them: each one quoted,
 * a quote doubled and a backslash escaped, so the row goes through jsonb_populate_record as is.
 */
function tsvectorLiteral(lexemes: readonly string[]): string {
  return lexemes.map((l) => `'${l.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' ');
}

function byColumn<T extends Table>(table: T, row: T['$inferSelect']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) out[column.name] = (row as Record<string, unknown>)[key];
  return out;
}

export interface OneCallOpened {
  created: true;
  duplicate: false;
  ticket: TicketRow;
  message: MessageRow;
  intents: TimerIntent[];
  slaTargets: SlaTargetRow[];
}

/**
 * A message that opens a ticket, in one round trip (`intake_open`, migration
 * 0016_intake_in_one_call). Everything the general path decides in TypeScript is decided here
 * first, before any I/O, with the same functions (routing rules, SLA policy and targets, events,
 * lexemes); when one of them would need to read the database (a rule that looks at the team,
 * the customer's history or the round-robin turn; a policy or calendar not in the cache) this
 * returns null and the caller takes the general path. The function returns null too when the
 * message was delivered before or joins an open ticket of its thread: nothing was written then.
 */
export function createIntakeInOneCall(deps: {
  pool: pg.Pool;
  /** Repositories on the pool, to refresh the rule and policy caches the decisions read. */
  read: Pick<RoutingRepos, 'routingRules'> & Pick<SlaRepos, 'policies'>;
  sla?: SlaEngine | undefined;
  routing?: RoutingEngine | undefined;
}) {
  return async function open(
    input: InquiryInput,
    prepared: { subject: string; classification: Classification | null; receivedAt: Date; at: Date; actor: Actor },
  ): Promise<OneCallOpened | null> {
    const { subject, classification, receivedAt, at, actor } = prepared;
    const keys = identityKeys(input.channel, input.customer);
    if (keys.length === 0) return null; // the general path says what is wrong

    // The decisions below read routing rules and SLA policies from caches; when a cache has gone
    // stale, read it here, on the pool and once for every intake waiting on it. Otherwise every
    // intake of those moments took the general path (its 12 statements) to read them.
    await Promise.all([deps.routing?.warm(deps.read), deps.sla?.warm(deps.read)]);
    try {
      const id = newId('ticket', at.getTime());
      const type = classification?.type ?? null;
      const draft = { teamId: null, assigneeId: null, priority: 'normal' as const, tags: [] as string[] };
      const routed = deps.routing
        ? await deps.routing.decide(
            probe<RoutingRepos>(),
            // the customer is not known yet: a rule that asks about them reads the database, so does not get here
            { ...draft, ticketId: null, customerId: '', type, channel: input.channel, classification },
            at,
            { mode: 'set', typeReviewed: false },
          )
        : { state: draft, outcomes: [] };
      const ticket: TicketRow = {
        id,
        number: 0, // from the sequence, in the function
        subject,
        status: 'new',
        type,
        priority: routed.state.priority,
        channel: input.channel,
        customerId: '', // the customer's, in the function
        assigneeId: routed.state.assigneeId,
        teamId: routed.state.teamId,
        tags: routed.state.tags,
        classification,
        typeReviewedAt: null,
        threadId: input.threadId ?? null,
        search: '', // from the lexemes, in the function
        createdAt: at,
        updatedAt: at,
        solvedAt: null,
        closedAt: null,
        noSurvey: false,
        anonymisedAt: null,
        version: 1,
      };
      const message: MessageRow = {
        id: newId('message', at.getTime()),
        ticketId: id,
        author: 'customer',
        visibility: 'public',
        body: input.body,
        agentId: null,
        customerId: '',
        channel: input.channel,
        externalId: input.externalId ?? null,
        receivedAt,
        createdAt: at,
      };

      // The SLA engine's own decision, its two writes recorded instead of sent.
      let targets: SlaTargetRow[] = [];
      let nextDueAt: Date | null = null;
      if (deps.sla) {
        const recorder = new Proxy({} as SlaRepos, {
          get: (_, name) =>
            name === 'sla'
              ? {
                  insert: async (rows: (typeof slaTargets.$inferInsert)[]) => (targets = rows.map(completeTarget)),
                  setNextDue: async (_ticketId: string, dueAt: Date) => void (nextDueAt = dueAt),
                }
              : probe(),
        });
        await deps.sla.onTicketCreated(recorder, ticket, at);
      }

      const events: NewEvent[] = [
        { type: 'ticket.created', ticketId: id, actor, data: { ticket: presentTicket(ticket) }, at },
        { type: 'message.created', ticketId: id, actor, data: { message: presentMessage(message) }, at },
      ];
      if (classification) events.push({ type: 'ticket.classified', ticketId: id, actor: { type: 'system', id: null }, data: { classification }, at });
      if (deps.routing) events.push(...deps.routing.events(id, routed.outcomes, 'ticket.created', at));

      const strongest = keys[0]!;
      const call = {
        locks: [...(input.externalId ? [`message:${input.channel}:${input.externalId}`] : []), identityLockKey(strongest)],
        channel: input.channel,
        externalId: input.externalId ?? null,
        threadId: input.threadId ?? null,
        at,
        identities: keys.map((key) => ({ ...key, id: newId('identity', at.getTime()) })),
        customer: {
          id: newId('customer', at.getTime()),
          name: input.customer.name ?? input.customer.handle ?? null,
          email: input.customer.email ? normaliseEmail(input.customer.email) : null,
          phone: input.customer.phone ? normalisePhone(input.customer.phone) : null,
        },
        ticket: byColumn(tickets, ticket),
        // The ticket's vector holds its subject; the message has its own (a search matches within one of them).
        lexemes: documentLexemes(subject),
        message: byColumn(messages, { ...message, search: tsvectorLiteral(documentLexemes(input.body)) }),
        events: events.map((e) => ({
          id: newId('event', e.at.getTime()),
          type: e.type,
          ticket_id: e.ticketId,
          actor_type: e.actor.type,
          actor_id: e.actor.id,
          data: e.data,
          created_at: e.at,
        })),
        slaTargets: targets.map((row) => byColumn(slaTargets, row)),
        nextDueAt,
      };
      // A named statement: parsed and planned once per connection.
      const result = await deps.pool.query<{ r: { outcome: 'opened' | 'known' | 'thread'; customerId?: string; number?: number } }>({
        name: 'intake_open',
        text: 'SELECT intake_open($1::jsonb) AS r',
        values: [JSON.stringify(call)],
      });
      const outcome = result.rows[0]!.r;
      if (outcome.outcome !== 'opened') return null;
      const { search: _search, ...stored } = ticket;
      const opened = { ...stored, number: outcome.number!, customerId: outcome.customerId! } as TicketRow;
      return {
        created: true,
        duplicate: false,
        ticket: opened,
        message: { ...message, customerId: outcome.customerId! },
        intents: targets.flatMap((row) => timerChanges(undefined, row)),
        slaTargets: targets,
      };
    } catch (error) {
      if (error instanceof NeedsDatabase) return null;
      throw error;
    }
  };
}

/** A target row as the database returns it after the insert (what RETURNING gave the general path). */
function completeTarget(row: typeof slaTargets.$inferInsert): SlaTargetRow {
  return {
    policyId: null,
    cycle: 1,
    warnOffsetMs: null,
    calendarId: null,
    pausedMs: 0,
    pausedAt: null,
    warnAt: null,
    warnedAt: null,
    breachedAt: null,
    achievedAt: null,
    completedAt: null,
    elapsedMs: null,
    ...row,
  } as SlaTargetRow;
}

export type IntakeInOneCall = ReturnType<typeof createIntakeInOneCall>;
