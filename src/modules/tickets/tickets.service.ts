import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { KeysetPosition } from '../../db/keyset.ts';
import { preconditionFailed } from '../../http/problem.ts';
import type { Actor, NewEvent } from '../events/events.repository.ts';
import type { Classification } from '../classification/classification.schemas.ts';
import { documentLexemes } from '../search/search-tokens.ts';
import { resolveCustomer } from '../customers/resolve-customer.ts';
import { customerErased } from '../customers/customers.errors.ts';
import type { CreateMessageInput } from '../messages/messages.schemas.ts';
import type { MessageRow } from '../messages/messages.repository.ts';
import { canTransition, statusAfterMessage } from './status-transitions.ts';
import { invalidTransition, notClassified, ticketClosed, ticketNotFound, unknownReference } from './tickets.errors.ts';
import { actingForOtherAgent } from '../auth/auth.errors.ts';
import type { DuePosition, RankPosition, TicketFilters, TicketRow } from './tickets.repository.ts';
import type { TicketSearch } from '../search/ticket-search.ts';
import type { UpdateTicketInput } from './tickets.schemas.ts';
import { openTicket, summariseMessage } from './open-ticket.ts';
import type { TicketUnitOfWork, TicketWrites } from './ticket-writes.ts';
import type { SlaEngine } from '../sla/sla-engine.ts';
import type { SlaTimers } from '../sla/sla.queue.ts';
import type { TimerIntent } from '../sla/timer-intents.ts';
import { presentSla } from '../sla/sla.presenter.ts';
import type { SlaTarget } from '../sla/sla.schemas.ts';
import type { RoutingEngine } from '../routing/routing-engine.ts';
import { REVIEW_TAG } from '../routing/routing.schemas.ts';

type Changes = Record<string, { from: unknown; to: unknown }>;

export interface ClassifyFn {
  (text: string): Classification;
}

export interface SlaDeps {
  engine: SlaEngine;
  timers: Pick<SlaTimers, 'schedule'>;
}

const FIELDS_THAT_PICK_A_POLICY = ['type', 'priority', 'tags'] as const;
/** Changes after which the routing rules run again (the type an agent corrects, tags they add). */
const FIELDS_THAT_ROUTE = ['type', 'tags'] as const;

export function createTicketService(deps: {
  uow: TicketUnitOfWork;
  clock: Clock;
  classify?: ClassifyFn | undefined;
  sla?: SlaDeps | undefined;
  routing?: RoutingEngine | undefined;
}) {
  const { uow, clock } = deps;
  const engine = deps.sla?.engine;

  /**
   * Runs a write; once it has committed, arms the SLA timers it asked for (never before: Redis
   * must not hear of a change Postgres might roll back). Other features react to the change
   * through its events (the relay), not from inside this transaction.
   */
  async function write<T extends { intents: TimerIntent[] }>(work: (repos: TicketWrites) => Promise<T>): Promise<T> {
    const result = await uow.transaction(work);
    await armTimers(result.intents);
    return result;
  }

  /** For a write that committed by other means (intake in one call): the timers it asked for. */
  async function armTimers(intents: TimerIntent[]): Promise<void> {
    if (deps.sla) await deps.sla.timers.schedule(intents);
  }

  async function get(id: string): Promise<TicketRow> {
    const row = await uow.read.tickets.findById(id);
    if (!row) throw ticketNotFound(id);
    return row;
  }

  async function checkReferences(repos: Pick<TicketWrites, 'agents' | 'teams'>, input: { assigneeId?: string | null | undefined; teamId?: string | null | undefined }) {
    if (input.assigneeId && !(await repos.agents.findById(input.assigneeId))) throw unknownReference('assigneeId', input.assigneeId);
    if (input.teamId && !(await repos.teams.findById(input.teamId))) throw unknownReference('teamId', input.teamId);
  }

  /**
   * Appends a message inside `repos`' transaction and applies what it implies for the status
   * (a customer reply reopens a pending or solved ticket; an agent's first reply opens a new one).
   */
  async function appendMessage(
    repos: TicketWrites,
    ticket: TicketRow,
    message: {
      author: 'customer' | 'agent';
      visibility: 'public' | 'internal';
      body: string;
      agentId: string | null;
      channel?: TicketRow['channel'] | null;
      externalId?: string | null;
      receivedAt?: Date | null;
    },
    actor: Actor,
    at: Date,
  ): Promise<{ ticket: TicketRow; message: MessageRow; intents: TimerIntent[] }> {
    if (ticket.status === 'closed') throw ticketClosed(ticket.id);
    const inserted = await repos.messages.insert({
      id: newId('message', at.getTime()),
      ticketId: ticket.id,
      author: message.author,
      visibility: message.visibility,
      body: message.body,
      agentId: message.author === 'agent' ? message.agentId : null,
      customerId: message.author === 'customer' ? ticket.customerId : null,
      channel: message.channel ?? null,
      externalId: message.externalId ?? null,
      receivedAt: message.receivedAt ?? null,
      createdAt: at,
    });
    const status = statusAfterMessage(ticket.status, message.author, message.visibility);
    const updated = await repos.tickets.update(
      ticket.id,
      // The message carries its own search vector: the ticket's is not rewritten.
      { status, updatedAt: at, ...(status !== ticket.status && ticket.status === 'solved' ? { solvedAt: null } : {}) },
    );
    const events: NewEvent[] = [
      { type: 'message.created', ticketId: ticket.id, actor, data: { message: summariseMessage(inserted) }, at },
    ];
    if (status !== ticket.status) {
      events.push({
        type: 'ticket.updated',
        ticketId: ticket.id,
        actor,
        data: { changes: { status: { from: ticket.status, to: status } }, cause: 'message.created' },
        at,
      });
    }
    await repos.events.append(events);
    const intents: TimerIntent[] = [];
    if (engine) {
      if (status !== ticket.status) intents.push(...(await engine.onStatusChange(repos, updated!, ticket.status, at)));
      intents.push(...(await engine.onMessage(repos, updated!, inserted, at)));
    }
    return { ticket: updated!, message: inserted, intents };
  }

  /**
   * The routing rules again, after a change of type or tags: they fill what is empty (a team, an
   * assignee), add tags and raise priority, never undoing a person's choice; each rule that
   * changed something is a `ticket.routed` event. Null when nothing changed.
   */
  async function reroute(repos: TicketWrites, ticket: TicketRow, at: Date, reviewed: { typeChanged: boolean; removedTags: string[] }) {
    const model = ticket.classification as Classification | null;
    const { state, outcomes } = await deps.routing!.decide(
      repos,
      { ...ticket, ticketId: ticket.id, classification: model },
      at,
      // A type a person set, changed or confirmed answers the model's doubt; a tag they just removed (the review tag) stays removed.
      { mode: 'raise', typeReviewed: reviewed.typeChanged || !!ticket.typeReviewedAt || (!!model && ticket.type !== model.type), withheldTags: reviewed.removedTags },
    );
    const routedChanges: Changes = {};
    for (const field of ['teamId', 'assigneeId', 'priority'] as const) {
      if (state[field] !== ticket[field]) routedChanges[field] = { from: ticket[field], to: state[field] };
    }
    if (state.tags.length !== ticket.tags.length) routedChanges.tags = { from: ticket.tags, to: state.tags };
    if (Object.keys(routedChanges).length === 0) return null;
    const row = await repos.tickets.update(ticket.id, { teamId: state.teamId, assigneeId: state.assigneeId, priority: state.priority, tags: state.tags, updatedAt: at });
    await repos.events.append(deps.routing!.events(ticket.id, outcomes, 'ticket.updated', at));
    return { row: row!, changes: routedChanges };
  }

  /** PATCH inside a caller's transaction: validated transitions and references, one event with the diff. */
  async function updateIn(repos: TicketWrites, id: string, patch: UpdateTicketInput, actor: Actor, at: Date, expectedVersion?: number) {
    const current = await repos.tickets.findById(id, { forUpdate: true });
    if (!current) throw ticketNotFound(id);
    if (expectedVersion !== undefined && current.version !== expectedVersion) throw preconditionFailed();
    if (patch.status && !canTransition(current.status, patch.status)) throw invalidTransition(current.status, patch.status);
    await checkReferences(repos, patch);

    const changes: Changes = {};
    const set: Partial<TicketRow> = {};
    for (const field of ['subject', 'status', 'priority', 'type', 'assigneeId', 'teamId', 'noSurvey'] as const) {
      const next = patch[field];
      if (next !== undefined && next !== current[field]) {
        changes[field] = { from: current[field], to: next };
        (set as Record<string, unknown>)[field] = next;
      }
    }
    if (patch.tags && patch.tags.join('\u0000') !== current.tags.join('\u0000')) {
      changes.tags = { from: current.tags, to: patch.tags };
      set.tags = patch.tags;
    }
    if (Object.keys(changes).length === 0) return { row: current, intents: [] as TimerIntent[] };
    const model = current.classification as Classification | null;
    // A changed type answers the model's doubt: the ticket leaves the review list, and the review
    // queue (the needs-review tag) unless this same change says what the tags are.
    if (set.type && model && !current.typeReviewedAt) set.typeReviewedAt = at;
    if (set.type && model && patch.tags === undefined && current.tags.includes(REVIEW_TAG)) {
      set.tags = current.tags.filter((tag) => tag !== REVIEW_TAG);
      changes.tags = { from: current.tags, to: set.tags };
    }
    if (set.status === 'solved') set.solvedAt = at;
    if (set.status === 'closed') set.closedAt = at;
    if (set.status === 'open' && current.status === 'solved') set.solvedAt = null;

    let updated = await repos.tickets.update(
      id,
      { ...set, updatedAt: at },
      { expectedVersion: current.version, ...(set.subject ? { subjectLexemes: documentLexemes(set.subject) } : {}) },
    );
    await repos.events.append([{ type: 'ticket.updated', ticketId: id, actor, data: { changes }, at }]);
    let routedChanges: Changes = {};
    if (deps.routing && updated && FIELDS_THAT_ROUTE.some((field) => field in changes)) {
      const removedTags = set.tags ? current.tags.filter((tag) => !set.tags!.includes(tag)) : [];
      const rerouted = await reroute(repos, updated, at, { typeChanged: 'type' in changes, removedTags });
      if (rerouted) ({ row: updated, changes: routedChanges } = rerouted);
    }
    if (set.type && model) {
      await repos.corrections.record({
        ticketId: id,
        modelType: model.type,
        modelVersion: model.modelVersion,
        modelConfidence: model.confidence,
        previousType: current.type,
        agentType: set.type,
        actorType: actor.type,
        actorId: actor.id,
        createdAt: at,
      });
    }
    const intents: TimerIntent[] = [];
    if (engine) {
      if (set.status) intents.push(...(await engine.onStatusChange(repos, updated!, current.status, at)));
      if (FIELDS_THAT_PICK_A_POLICY.some((field) => field in changes || field in routedChanges)) intents.push(...(await engine.reevaluate(repos, updated!, at)));
    }
    return { row: (await repos.tickets.findById(id))!, intents };
  }

  return {
    get,
    appendMessage,
    updateIn,
    write,
    armTimers,
    /** The SLA entries of each ticket, for presenting tickets. */
    async slaOf(ticketIds: string[]): Promise<Map<string, SlaTarget[]>> {
      const rows = await uow.read.sla.targetsOfTickets(ticketIds);
      const byTicket = new Map<string, typeof rows>();
      for (const row of rows) byTicket.set(row.ticketId, [...(byTicket.get(row.ticketId) ?? []), row]);
      return new Map(ticketIds.map((id) => [id, presentSla(byTicket.get(id) ?? [])]));
    },
    list: (filters: TicketFilters, limit: number, after?: KeysetPosition) => uow.read.tickets.list(filters, limit + 1, after),
    listByDue: (filters: TicketFilters, limit: number, after?: DuePosition) => uow.read.tickets.listByDue(filters, limit + 1, after),
    listByRelevance: (filters: TicketFilters & { search: TicketSearch }, limit: number, after?: RankPosition) =>
      uow.read.tickets.listByRelevance(filters, limit + 1, after),
    planSearch: (query: string) => uow.read.tickets.planSearch(query),
    matchingTexts: (ticketIds: string[], search: TicketSearch) => uow.read.tickets.matchingTexts(ticketIds, search),

    /** A ticket an agent opens by hand, e.g. to log a phone call. */
    async create(
      input: {
        subject: string;
        body: string;
        channel: TicketRow['channel'];
        author: 'customer' | 'agent';
        customerId?: string | undefined;
        customer?: { name?: string | undefined; email?: string | undefined; phone?: string | undefined } | undefined;
        priority: TicketRow['priority'];
        type?: TicketRow['type'] | undefined;
        assigneeId?: string | null | undefined;
        teamId?: string | null | undefined;
        tags?: string[] | undefined;
      },
      actor: Actor,
      agentId: string | null,
    ) {
      const at = clock.now();
      const classification = input.author === 'customer' && deps.classify ? deps.classify(`${input.subject}\n${input.body}`) : null;
      return write(async (repos) => {
        await checkReferences(repos, input);
        let customerId = input.customerId;
        if (customerId) {
          const standing = await repos.customers.standingOf(customerId);
          if (standing === 'missing') throw unknownReference('customerId', customerId);
          if (standing === 'erased') throw customerErased(customerId, 'body.customerId');
        } else {
          customerId = await resolveCustomer(repos, input.channel, { ...input.customer }, at);
        }
        return openTicket(repos, {
          ...input,
          customerId,
          agentId,
          classification,
          type: input.type ?? classification?.type ?? null,
          priorityMode: 'raise',
          actor,
          at,
        }, engine, deps.routing);
      });
    },

    /** `agentId`: the caller's own agent (a session, a key acting for one); only a key of no agent names one in the body. */
    async addMessage(ticketId: string, input: CreateMessageInput, actor: Actor, agentId: string | null) {
      // Refused rather than overridden: the caller asked to post as someone else and must not believe it did.
      if (agentId && input.agentId !== undefined && input.agentId !== agentId) throw actingForOtherAgent();
      const at = clock.now();
      return write(async (repos) => {
        const ticket = await repos.tickets.findById(ticketId, { forUpdate: true });
        if (!ticket) throw ticketNotFound(ticketId);
        const actingAgent = input.author === 'agent' ? (agentId ?? input.agentId ?? null) : null;
        if (actingAgent && !(await repos.agents.findById(actingAgent))) throw unknownReference('agentId', actingAgent);
        return appendMessage(repos, ticket, { ...input, agentId: actingAgent }, actor, at);
      });
    },

    /** PATCH: validated transitions and references, optimistic concurrency, one event with the diff. */
    async update(id: string, patch: UpdateTicketInput, actor: Actor, expectedVersion?: number) {
      const at = clock.now();
      return write((repos) => updateIn(repos, id, patch, actor, at, expectedVersion));
    },

    /**
     * A person confirms the ticket's type as it stands (usually the model's): the model's doubt is
     * answered without a change, and the ticket leaves the review list, and the review queue (the
     * `needs-review` tag the default rule gives an unsure model's ticket: removing it means
     * "reviewed"). Once: a repeat answers the ticket as it is. 409 `tickets.not_classified` when
     * the model never classified it.
     */
    async confirmType(id: string, actor: Actor, expectedVersion?: number) {
      const at = clock.now();
      return write(async (repos) => {
        const current = await repos.tickets.findById(id, { forUpdate: true });
        if (!current) throw ticketNotFound(id);
        if (expectedVersion !== undefined && current.version !== expectedVersion) throw preconditionFailed();
        const model = current.classification as Classification | null;
        if (!model) throw notClassified(id);
        if (current.typeReviewedAt) return { row: current, intents: [] as TimerIntent[] };
        const row = await repos.tickets.update(id, { typeReviewedAt: at, updatedAt: at }, { expectedVersion: current.version });
        const changes: Changes = { typeReviewedAt: { from: null, to: at.toISOString() } };
        await repos.events.append([{ type: 'ticket.updated', ticketId: id, actor, data: { changes, cause: 'classification.confirmed' }, at }]);
        // Out of the review queue as a change of tags like any other: its own event, and the SLA
        // policy and routing rules run again as they do for tags (a policy may match on tags).
        if (!row!.tags.includes(REVIEW_TAG)) return { row: row!, intents: [] as TimerIntent[] };
        return updateIn(repos, id, { tags: row!.tags.filter((tag) => tag !== REVIEW_TAG) }, actor, at);
      });
    },

    async messages(ticketId: string, limit: number, after?: KeysetPosition) {
      await get(ticketId);
      return uow.read.messages.listForTicket(ticketId, limit + 1, after);
    },

    async events(ticketId: string, limit: number, afterSeq?: number) {
      await get(ticketId);
      return uow.read.events.listForTicket(ticketId, limit + 1, afterSeq);
    },
  };
}

export type TicketService = ReturnType<typeof createTicketService>;
