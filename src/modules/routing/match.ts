import type { ActionOutcome, RoutingAction, RoutingConditions } from './routing.schemas.ts';
import { REVIEW_TAG } from './routing.schemas.ts';

/** What the rules look at: the ticket, the model's view of its first message, and the few facts read for them. */
export interface RoutingFacts {
  type: string | null;
  channel: string;
  priority: string;
  tags: readonly string[];
  classification: { confidence: number; needsReview: boolean; language: string; signals: readonly string[] } | null;
  /** The customer's other tickets opened in the last N days, for each N a rule asks about. */
  recentTickets: ReadonlyMap<number, number>;
  /** Whether each calendar a rule names is open now (absent: the calendar does not exist). */
  calendarsOpen: ReadonlyMap<string, boolean>;
}

export interface RuleLike {
  id: string;
  name: string;
  position: number;
  active: boolean;
  stop: boolean;
  conditions: RoutingConditions;
  actions: RoutingAction[];
}

const list = (values: readonly string[]) => values.join(', ');

/** Every condition of the rule, each with whether it held and why: the dry run shows these. */
export function matchRule(conditions: RoutingConditions, facts: RoutingFacts): { matched: boolean; reasons: string[] } {
  const reasons: string[] = [];
  let matched = true;
  const check = (held: boolean, reason: string) => {
    reasons.push(`${held ? '✓' : '✗'} ${reason}`);
    if (!held) matched = false;
  };
  const model = facts.classification;
  if (conditions.types?.length) check(!!facts.type && conditions.types.includes(facts.type as never), `type ${facts.type ?? 'none'} in [${list(conditions.types)}]`);
  if (conditions.channels?.length) check(conditions.channels.includes(facts.channel as never), `channel ${facts.channel} in [${list(conditions.channels)}]`);
  if (conditions.languages?.length) {
    check(!!model && conditions.languages.includes(model.language as never), `language ${model?.language ?? 'unknown'} in [${list(conditions.languages)}]`);
  }
  if (conditions.priorities?.length) check(conditions.priorities.includes(facts.priority as never), `priority ${facts.priority} in [${list(conditions.priorities)}]`);
  if (conditions.tags?.length) {
    const hit = conditions.tags.filter((tag) => facts.tags.includes(tag));
    check(hit.length > 0, hit.length ? `has tag ${list(hit)}` : `none of the tags [${list(conditions.tags)}]`);
  }
  if (conditions.signals?.length) {
    const hit = conditions.signals.filter((kind) => model?.signals.includes(kind));
    check(hit.length > 0, hit.length ? `signal ${list(hit)}` : `none of the signals [${list(conditions.signals)}]`);
  }
  if (conditions.minConfidence !== undefined) {
    check(!!model && model.confidence >= conditions.minConfidence, `confidence ${model?.confidence ?? 'unknown'} ≥ ${conditions.minConfidence}`);
  }
  if (conditions.maxConfidence !== undefined) {
    check(!!model && model.confidence < conditions.maxConfidence, `confidence ${model?.confidence ?? 'unknown'} < ${conditions.maxConfidence}`);
  }
  if (conditions.needsReview !== undefined) {
    const needs = model?.needsReview ?? false;
    check(needs === conditions.needsReview, `needsReview is ${needs}`);
  }
  if (conditions.repeatContact) {
    const { minTickets, withinDays } = conditions.repeatContact;
    const count = facts.recentTickets.get(withinDays) ?? 0;
    check(count >= minTickets, `${count} other tickets of the customer in ${withinDays} days (at least ${minTickets})`);
  }
  if (conditions.businessHours) {
    const { calendarId, open } = conditions.businessHours;
    const isOpen = facts.calendarsOpen.get(calendarId);
    check(isOpen !== undefined && isOpen === open, isOpen === undefined ? `no calendar ${calendarId}` : `calendar ${calendarId} is ${isOpen ? 'open' : 'closed'}`);
  }
  if (reasons.length === 0) reasons.push('✓ no conditions: matches every ticket');
  return { matched, reasons };
}

/** Active rules in the order they are tried: position, then id (a stable order for equal positions). */
export function orderRules<R extends RuleLike>(rules: readonly R[]): R[] {
  return rules.filter((rule) => rule.active).sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The ticket's fields routing may change. */
export interface RoutingState {
  teamId: string | null;
  assigneeId: string | null;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  tags: string[];
}

/**
 * `set`: a channel's message is opening the ticket; a rule sets the priority either way. `raise`:
 * a person opened the ticket (and may have chosen its priority) or it changed later (type, tags);
 * routing then only raises priority, so it never undoes a person's choice.
 */
export type PriorityMode = 'set' | 'raise';

/** The I/O the actions need: existence checks and the round-robin's next agent (which a dry run does not advance). */
export interface ActionResolver {
  teamExists(teamId: string): Promise<boolean>;
  agent(agentId: string): Promise<{ teamId: string | null; active: boolean } | null>;
  nextAgent(teamId: string): Promise<{ agentId: string | null; reason: string }>;
}

const PRIORITY_RANK = { low: 0, normal: 1, high: 2, urgent: 3 } as const;

export interface RuleOutcome {
  rule: RuleLike;
  matched: boolean;
  reached: boolean;
  reasons: string[];
  actions: ActionOutcome[];
  /** The fields this rule changed, before and after it. */
  changes: Record<string, { from: unknown; to: unknown }>;
}

/**
 * Tries the rules in order on the facts and applies the actions of every matching one to `state`,
 * until a matching rule with `stop`. Routing fills, it never replaces: an assignment (team or
 * agent) is made only where there is none, so a person's choice, or an earlier rule's, stands;
 * tags are only added; priority as `mode` says (`PriorityMode`). The first rule to set a field therefore wins.
 */
export async function route(
  rules: readonly RuleLike[],
  facts: RoutingFacts,
  initial: RoutingState,
  mode: PriorityMode,
  resolver: ActionResolver,
  /** Tags a person removed in the change being routed: not added back. */
  withheldTags: readonly string[] = [],
): Promise<{ state: RoutingState; outcomes: RuleOutcome[] }> {
  const state: RoutingState = { ...initial, tags: [...initial.tags] };
  const outcomes: RuleOutcome[] = [];
  let stopped = false;
  for (const rule of orderRules(rules)) {
    const { matched, reasons } = matchRule(rule.conditions, facts);
    if (stopped || !matched) {
      outcomes.push({ rule, matched, reached: !stopped, reasons, actions: [], changes: {} });
      continue;
    }
    const before: RoutingState = { ...state, tags: [...state.tags] };
    const actions: ActionOutcome[] = [];
    for (const action of rule.actions) actions.push(await applyAction(state, action, mode, resolver, withheldTags));
    outcomes.push({ rule, matched, reached: true, reasons, actions, changes: diff(before, state) });
    if (rule.stop) stopped = true;
  }
  return { state, outcomes };
}

const skipped = (action: RoutingAction, reason: string): ActionOutcome => ({ action, outcome: 'skipped', reason });
const applied = (action: RoutingAction, reason: string, agentId?: string | null): ActionOutcome => ({ action, outcome: 'applied', reason, ...(agentId !== undefined ? { agentId } : {}) });

async function applyAction(state: RoutingState, action: RoutingAction, mode: PriorityMode, resolver: ActionResolver, withheldTags: readonly string[]): Promise<ActionOutcome> {
  switch (action.type) {
    case 'assign_team': {
      if (state.assigneeId || state.teamId) return skipped(action, state.assigneeId ? 'the ticket already has an assignee' : 'the ticket already has a team');
      if (!(await resolver.teamExists(action.teamId))) return skipped(action, `no team ${action.teamId}`);
      state.teamId = action.teamId;
      return applied(action, `team ${action.teamId}`);
    }
    case 'assign_round_robin': {
      if (state.assigneeId) return skipped(action, 'the ticket already has an assignee');
      if (state.teamId && state.teamId !== action.teamId) return skipped(action, 'the ticket already has another team');
      if (!(await resolver.teamExists(action.teamId))) return skipped(action, `no team ${action.teamId}`);
      state.teamId = action.teamId;
      const next = await resolver.nextAgent(action.teamId);
      state.assigneeId = next.agentId;
      return applied(action, next.reason, next.agentId);
    }
    case 'assign_agent': {
      if (state.assigneeId) return skipped(action, 'the ticket already has an assignee');
      const agent = await resolver.agent(action.agentId);
      if (!agent || !agent.active) return skipped(action, agent ? `agent ${action.agentId} is deactivated` : `no agent ${action.agentId}`);
      state.assigneeId = action.agentId;
      if (!state.teamId) state.teamId = agent.teamId;
      return applied(action, `agent ${action.agentId}`, action.agentId);
    }
    case 'set_priority': {
      if (state.priority === action.priority) return skipped(action, `priority is already ${action.priority}`);
      if (mode === 'raise' && PRIORITY_RANK[action.priority] < PRIORITY_RANK[state.priority]) return skipped(action, 'routing only raises a priority a person may have chosen');
      state.priority = action.priority;
      return applied(action, `priority ${action.priority}`);
    }
    case 'add_tags':
    case 'send_to_review': {
      const wanted = action.type === 'add_tags' ? action.tags : [REVIEW_TAG];
      const withheld = wanted.filter((tag) => withheldTags.includes(tag));
      const added = wanted.filter((tag) => !state.tags.includes(tag) && !withheld.includes(tag));
      if (added.length === 0) return skipped(action, withheld.length ? `a person just removed ${list(withheld)}` : 'the ticket has these tags already');
      state.tags.push(...added);
      return applied(action, `tags ${list(added)}`);
    }
  }
}

function diff(before: RoutingState, after: RoutingState): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of ['teamId', 'assigneeId', 'priority'] as const) {
    if (before[field] !== after[field]) changes[field] = { from: before[field], to: after[field] };
  }
  // Copies: `after` is the running state, which later rules keep changing.
  if (before.tags.length !== after.tags.length) changes.tags = { from: before.tags, to: [...after.tags] };
  return changes;
}
