import { isOpen, type CompiledCalendar } from '../calendars/business-time.ts';
import type { CalendarRepository } from '../calendars/calendars.repository.ts';
import type { AgentRepository } from '../agents/agents.repository.ts';
import type { TeamRepository } from '../teams/teams.repository.ts';
import type { NewEvent } from '../events/events.repository.ts';
import { SYSTEM_ACTOR } from '../events/actor.ts';
import type { Classification } from '../classification/classification.schemas.ts';
import { route, type ActionResolver, type PriorityMode, type RoutingFacts, type RoutingState, type RuleLike, type RuleOutcome } from './match.ts';
import { nextInTurn } from './round-robin.ts';
import { createTtlCache } from '../../shared/ttl-cache.ts';
import type { RoutingRepository, RoutingRuleRepository, RoutingRuleRow } from './routing.repository.ts';
import type { RoutingAction, RoutingConditions } from './routing.schemas.ts';

/** What routing reads and writes inside the ticket's transaction. */
export interface RoutingRepos {
  routing: RoutingRepository;
  routingRules: Pick<RoutingRuleRepository, 'all'>;
  teams: Pick<TeamRepository, 'findById'>;
  agents: Pick<AgentRepository, 'findById'>;
  calendars: Pick<CalendarRepository, 'findById'>;
}

export interface RuleSource {
  all(repos: Pick<RoutingRepos, 'routingRules'>): Promise<RoutingRuleRow[]>;
}

export interface CalendarLookup {
  get(repos: Pick<RoutingRepos, 'calendars'>, calendarId: string): Promise<CompiledCalendar | null>;
}

/** The ticket as routing sees it, before (intake) or after (an update) it is written. */
export interface RoutingSubject extends RoutingState {
  ticketId: string | null;
  customerId: string;
  type: string | null;
  channel: string;
  classification: Classification | null;
}

export type Trigger = 'ticket.created' | 'ticket.updated';

const DAY_MS = 86_400_000;

const asRule = (row: RoutingRuleRow): RuleLike => ({
  id: row.id,
  name: row.name,
  position: row.position,
  active: row.active,
  stop: row.stop,
  conditions: row.conditions as RoutingConditions,
  actions: row.actions as RoutingAction[],
});

/**
 * Routing inside the transaction of the change that triggers it (a ticket opened; its type or tags
 * changed). The matcher (match.ts) is pure; this reads the few facts the active rules ask for
 * (only those: most rules need none) and performs the round-robin under the team's row lock.
 */
export function createRoutingEngine(deps: { rules: RuleSource; calendars: CalendarLookup }) {
  async function factsFor(repos: RoutingRepos, rules: RuleLike[], subject: RoutingSubject, at: Date, options: { typeReviewed: boolean }): Promise<RoutingFacts> {
    const model = subject.classification;
    const days = [...new Set(rules.flatMap((r) => (r.conditions.repeatContact ? [r.conditions.repeatContact.withinDays] : [])))];
    // Only rules about repeat contact read the customer's history (intake decides without the database otherwise).
    const counts = days.length ? await repos.routing.recentTicketCounts(subject.customerId, days.map((d) => new Date(at.getTime() - d * DAY_MS)), subject.ticketId) : [];
    const calendarIds = [...new Set(rules.flatMap((r) => (r.conditions.businessHours ? [r.conditions.businessHours.calendarId] : [])))];
    const calendarsOpen = new Map<string, boolean>();
    for (const id of calendarIds) {
      const calendar = await deps.calendars.get(repos, id);
      if (calendar) calendarsOpen.set(id, isOpen(at, calendar));
    }
    return {
      type: subject.type,
      channel: subject.channel,
      priority: subject.priority,
      tags: subject.tags,
      classification: model
        ? {
            confidence: model.confidence,
            // Once a person has set the type, the model's doubt about it is answered.
            needsReview: model.needsReview && !options.typeReviewed,
            language: model.language,
            signals: model.signals.map((s) => s.kind),
          }
        : null,
      recentTickets: new Map(days.map((d, i) => [d, counts[i] ?? 0])),
      calendarsOpen,
    };
  }

  function resolver(repos: RoutingRepos, at: Date, dryRun: boolean): ActionResolver {
    return {
      teamExists: async (id) => !!(await repos.teams.findById(id)),
      agent: async (id) => {
        const agent = await repos.agents.findById(id);
        return agent ? { teamId: agent.teamId, active: agent.active } : null;
      },
      async nextAgent(teamId) {
        // Lock first, then read the candidates in a later statement: it sees what the previous holder committed.
        const last = dryRun ? await repos.routing.peekTurn(teamId) : await repos.routing.lockTurn(teamId, at);
        const next = nextInTurn(await repos.routing.candidates(teamId), last);
        if (next.agentId && !dryRun) await repos.routing.advanceTurn(teamId, next.agentId, at);
        return next;
      },
    };
  }

  async function decide(
    repos: RoutingRepos,
    subject: RoutingSubject,
    at: Date,
    options: { mode: PriorityMode; typeReviewed?: boolean; dryRun?: boolean; withheldTags?: readonly string[] },
  ): Promise<{ state: RoutingState; outcomes: RuleOutcome[] }> {
    const rules = (await deps.rules.all(repos)).map(asRule);
    const initial: RoutingState = { teamId: subject.teamId, assigneeId: subject.assigneeId, priority: subject.priority, tags: [...subject.tags] };
    if (!rules.some((r) => r.active)) return { state: initial, outcomes: [] };
    const facts = await factsFor(repos, rules.filter((r) => r.active), subject, at, { typeReviewed: options.typeReviewed ?? false });
    return route(rules, facts, initial, options.mode, resolver(repos, at, options.dryRun ?? false), options.withheldTags);
  }

  return {
    decide,
    /**
     * Reads the rules now if the cache is stale (with `repos` on the pool), so that a decision
     * made right after (intake in one call, whose repositories read nothing) finds them cached.
     */
    async warm(repos: Pick<RoutingRepos, 'routingRules'>): Promise<void> {
      await deps.rules.all(repos);
    },
    /**
     * One `ticket.routed` event per rule that acted: at creation every matching rule (what it
     * did or why it did nothing); on an update only rules that changed something, so editing tags
     * does not repeat the same rules' record each time.
     */
    events(ticketId: string, outcomes: RuleOutcome[], trigger: Trigger, at: Date): NewEvent[] {
      return outcomes
        .filter((o) => o.matched && o.reached && (trigger === 'ticket.created' || Object.keys(o.changes).length > 0))
        .map((o) => ({
          type: 'ticket.routed' as const,
          ticketId,
          actor: SYSTEM_ACTOR,
          data: { ruleId: o.rule.id, ruleName: o.rule.name, trigger, reasons: o.reasons, actions: o.actions, changes: o.changes },
          at,
        }));
    },
  };
}

export type RoutingEngine = ReturnType<typeof createRoutingEngine>;

/** Rules are read on every new ticket and change rarely: a short cache, dropped at once when this process changes one. */
export function createRuleCache(ttlMs = 2_000): RuleSource & { invalidate(): void } {
  return createTtlCache<RoutingRuleRow[], Parameters<RuleSource['all']>[0]>(ttlMs, (repos) => repos.routingRules.all());
}
