import { describe, expect, it } from 'vitest';
import { matchRule, orderRules, route, type ActionResolver, type RoutingFacts, type RoutingState, type RuleLike } from '../../../src/modules/routing/match.ts';
import { nextInTurn, type Candidate } from '../../../src/modules/routing/round-robin.ts';

const facts = (over: Partial<RoutingFacts> = {}): RoutingFacts => ({
  type: 'complaint',
  channel: 'weibo',
  priority: 'normal',
  tags: [],
  classification: { confidence: 0.9, needsReview: false, language: 'zh-Hans', signals: ['legal_threat'] },
  recentTickets: new Map(),
  calendarsOpen: new Map(),
  ...over,
});

const rule = (over: Partial<RuleLike> & Pick<RuleLike, 'id'>): RuleLike => ({ name: over.id, position: 10, active: true, stop: false, conditions: {}, actions: [], ...over });
const start: RoutingState = { teamId: null, assigneeId: null, priority: 'normal', tags: [] };

/** A resolver over fixed teams and agents; the round-robin hands out agents from a list in turn. */
function resolver(turns: string[] = []): ActionResolver & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    teamExists: async (id) => id.startsWith('team_'),
    agent: async (id) => (id === 'agt_gone' ? null : { teamId: 'team_of_agent', active: id !== 'agt_inactive' }),
    nextAgent: async (teamId) => {
      calls.push(teamId);
      const agentId = turns.shift() ?? null;
      return { agentId, reason: agentId ? 'next in turn' : 'no agent available' };
    },
  };
}

describe('matchRule', () => {
  it('matches when every given condition holds, and says why for each', () => {
    const result = matchRule({ types: ['complaint'], signals: ['legal_threat', 'safety'], channels: ['weibo'], languages: ['zh-Hans'], minConfidence: 0.8 }, facts());
    expect(result.matched).toBe(true);
    expect(result.reasons).toEqual([
      '✓ type complaint in [complaint]',
      '✓ channel weibo in [weibo]',
      '✓ language zh-Hans in [zh-Hans]',
      '✓ signal legal_threat',
      '✓ confidence 0.9 ≥ 0.8',
    ]);
  });

  it('fails on any condition that does not hold, still explaining all of them', () => {
    const result = matchRule({ types: ['question'], signals: ['safety'] }, facts());
    expect(result.matched).toBe(false);
    expect(result.reasons).toEqual(['✗ type complaint in [question]', '✗ none of the signals [safety]']);
  });

  it('confidence bounds: min inclusive, max exclusive; no classification matches neither', () => {
    expect(matchRule({ maxConfidence: 0.9 }, facts()).matched).toBe(false);
    expect(matchRule({ maxConfidence: 0.91 }, facts()).matched).toBe(true);
    expect(matchRule({ minConfidence: 0.9 }, facts()).matched).toBe(true);
    expect(matchRule({ minConfidence: 0.1 }, facts({ classification: null })).matched).toBe(false);
  });

  it('needsReview, tags (any of), priority', () => {
    const review = facts({ classification: { confidence: 0.4, needsReview: true, language: 'en', signals: [] } });
    expect(matchRule({ needsReview: true }, review).matched).toBe(true);
    expect(matchRule({ needsReview: false }, review).matched).toBe(false);
    expect(matchRule({ needsReview: true }, facts({ classification: null })).matched).toBe(false);
    expect(matchRule({ tags: ['vip', 'press'] }, facts({ tags: ['press'] })).matched).toBe(true);
    expect(matchRule({ tags: ['vip'] }, facts({ tags: ['press'] })).matched).toBe(false);
    expect(matchRule({ priorities: ['urgent'] }, facts()).matched).toBe(false);
  });

  it('repeat contact counts the window the rule names; business hours need the calendar open (or closed)', () => {
    const f = facts({ recentTickets: new Map([[7, 2], [30, 5]]), calendarsOpen: new Map([['cal_office', false]]) });
    expect(matchRule({ repeatContact: { minTickets: 3, withinDays: 7 } }, f).matched).toBe(false);
    expect(matchRule({ repeatContact: { minTickets: 3, withinDays: 30 } }, f).matched).toBe(true);
    expect(matchRule({ businessHours: { calendarId: 'cal_office', open: false } }, f).matched).toBe(true);
    expect(matchRule({ businessHours: { calendarId: 'cal_office', open: true } }, f).matched).toBe(false);
    expect(matchRule({ businessHours: { calendarId: 'cal_missing', open: false } }, f)).toEqual({ matched: false, reasons: ['✗ no calendar cal_missing'] });
  });

  it('an empty condition set matches every ticket', () => {
    expect(matchRule({}, facts())).toEqual({ matched: true, reasons: ['✓ no conditions: matches every ticket'] });
  });
});

describe('route', () => {
  it('tries active rules by position then id, applies every match, and stops after a matching rule with stop', async () => {
    const rules = [
      rule({ id: 'c', position: 30, actions: [{ type: 'add_tags', tags: ['third'] }] }),
      rule({ id: 'b', position: 20, stop: true, actions: [{ type: 'add_tags', tags: ['second'] }] }),
      rule({ id: 'a', position: 20, actions: [{ type: 'add_tags', tags: ['first'] }] }),
      rule({ id: 'off', position: 1, active: false, actions: [{ type: 'add_tags', tags: ['never'] }] }),
    ];
    expect(orderRules(rules).map((r) => r.id)).toEqual(['a', 'b', 'c']);
    const { state, outcomes } = await route(rules, facts(), start, 'set', resolver());
    expect(state.tags).toEqual(['first', 'second']);
    expect(outcomes.map((o) => [o.rule.id, o.matched, o.reached])).toEqual([['a', true, true], ['b', true, true], ['c', true, false]]);
    expect(outcomes[0]!.changes).toEqual({ tags: { from: [], to: ['first'] } });
  });

  it('fills, never replaces: the first assignment stands, and a ticket a person assigned keeps its assignee and team', async () => {
    const rules = [
      rule({ id: 'a', position: 1, actions: [{ type: 'assign_team', teamId: 'team_leads' }] }),
      rule({ id: 'b', position: 2, actions: [{ type: 'assign_round_robin', teamId: 'team_other' }, { type: 'assign_agent', agentId: 'agt_x' }] }),
    ];
    const r = resolver(['agt_1']);
    const first = await route(rules, facts(), start, 'set', r);
    expect(first.state).toMatchObject({ teamId: 'team_leads', assigneeId: 'agt_x' });
    expect(first.outcomes[1]!.actions.map((a) => [a.outcome, a.reason])).toEqual([
      ['skipped', 'the ticket already has another team'],
      ['applied', 'agent agt_x'],
    ]);
    expect(r.calls).toEqual([]); // the round-robin was not consulted, so no turn was taken

    const byHand = await route(rules, facts(), { ...start, teamId: 'team_human', assigneeId: 'agt_human' }, 'set', resolver(['agt_1']));
    expect(byHand.state).toMatchObject({ teamId: 'team_human', assigneeId: 'agt_human' });
    expect(byHand.outcomes.flatMap((o) => o.actions.map((a) => a.outcome))).toEqual(['skipped', 'skipped', 'skipped']);
  });

  it('round-robin within the team a ticket already has; skips missing and deactivated agents and teams', async () => {
    const rr = [rule({ id: 'rr', actions: [{ type: 'assign_round_robin', teamId: 'team_a' }] })];
    expect((await route(rr, facts(), { ...start, teamId: 'team_a' }, 'set', resolver(['agt_2']))).state).toMatchObject({ teamId: 'team_a', assigneeId: 'agt_2' });
    // nobody available: the team still gets the ticket
    expect((await route(rr, facts(), start, 'set', resolver([]))).state).toMatchObject({ teamId: 'team_a', assigneeId: null });
    const broken = [rule({ id: 'x', actions: [{ type: 'assign_team', teamId: 'gone' }, { type: 'assign_agent', agentId: 'agt_gone' }, { type: 'assign_agent', agentId: 'agt_inactive' }] })];
    const out = await route(broken, facts(), start, 'set', resolver());
    expect(out.state).toEqual(start);
    expect(out.outcomes[0]!.actions.map((a) => a.reason)).toEqual(['no team gone', 'no agent agt_gone', 'agent agt_inactive is deactivated']);
  });

  it('priority: set at intake either way, only raised after (and by a person-opened ticket); the first rule to set it wins', async () => {
    const rules = [
      rule({ id: 'low', position: 1, actions: [{ type: 'set_priority', priority: 'low' }] }),
      rule({ id: 'urgent', position: 2, actions: [{ type: 'set_priority', priority: 'urgent' }] }),
    ];
    expect((await route(rules, facts(), start, 'set', resolver())).state.priority).toBe('urgent');
    expect((await route(rules.slice(0, 1), facts(), { ...start, priority: 'high' }, 'raise', resolver())).state.priority).toBe('high');
    expect((await route(rules.slice(1), facts(), { ...start, priority: 'high' }, 'raise', resolver())).state.priority).toBe('urgent');
  });

  it('send_to_review adds the review tag once; a tag a person just removed is not added back', async () => {
    const rules = [rule({ id: 'review', actions: [{ type: 'send_to_review' }, { type: 'add_tags', tags: ['x', 'needs-review'] }] })];
    expect((await route(rules, facts(), start, 'set', resolver())).state.tags).toEqual(['needs-review', 'x']);
    const withheld = await route(rules, facts(), start, 'raise', resolver(), ['needs-review']);
    expect(withheld.state.tags).toEqual(['x']);
    expect(withheld.outcomes[0]!.actions[0]!.reason).toBe('a person just removed needs-review');
  });
});

describe('nextInTurn', () => {
  const agent = (id: string, over: Partial<Candidate> = {}): Candidate => ({ id, status: 'available', loadCap: null, openTickets: 0, ...over });

  it('goes round in id order from after the last one, wrapping', () => {
    const team = [agent('c'), agent('a'), agent('b')];
    expect(nextInTurn(team, null).agentId).toBe('a');
    expect(nextInTurn(team, 'a').agentId).toBe('b');
    expect(nextInTurn(team, 'c').agentId).toBe('a');
    // the last one left the team: the turn goes on from where they stood
    expect(nextInTurn(team, 'bb').agentId).toBe('c');
  });

  it('skips the away and those at their load cap, and says so', () => {
    const team = [agent('a', { status: 'away' }), agent('b', { loadCap: 2, openTickets: 2 }), agent('c', { loadCap: 3, openTickets: 2 })];
    expect(nextInTurn(team, null)).toEqual({ agentId: 'c', reason: 'next in turn of 1 available (2 away or at their load cap skipped)' });
    expect(nextInTurn(team.slice(0, 2), null)).toEqual({ agentId: null, reason: 'no agent available (1 away, 1 at their load cap)' });
    expect(nextInTurn([], null)).toEqual({ agentId: null, reason: 'the team has no active agents' });
  });

  it('is fair: over many rounds counts differ by at most one', () => {
    const team = ['a', 'b', 'c', 'd', 'e'].map((id) => agent(id));
    const counts = new Map<string, number>();
    let last: string | null = null;
    for (let i = 0; i < 103; i++) {
      last = nextInTurn(team, last).agentId!;
      counts.set(last, (counts.get(last) ?? 0) + 1);
    }
    expect(Math.max(...counts.values()) - Math.min(...counts.values())).toBeLessThanOrEqual(1);
  });
});
