import type pg from 'pg';
import { ALWAYS_OPEN, compileCalendar, type CompiledCalendar } from '../../src/modules/calendars/business-time.ts';
import { durationToMs } from '../../src/modules/sla/durations.ts';
import { matchPolicy } from '../../src/modules/sla/policy-match.ts';
import type { PolicyConditions, PolicyTarget } from '../../src/modules/sla/sla.schemas.ts';
import type { Random } from './random.ts';
import { seedId } from './random.ts';
import type { PolicySpec, Team, TargetSpec } from './history.ts';

const TEAM_NAMES = ['社交媒体一组', '社交媒体二组', '微信与在线', '电话中心', '邮件与网页', '投诉处理', 'English desk', '夜班'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚';

const OFFICE = { id: 'cal_seed_office', name: 'Office hours (seed:bulk)', timezone: 'Asia/Shanghai', weekly: { mon: [['09:00', '12:00'], ['13:30', '18:00']], tue: [['09:00', '12:00'], ['13:30', '18:00']], wed: [['09:00', '12:00'], ['13:30', '18:00']], thu: [['09:00', '12:00'], ['13:30', '18:00']], fri: [['09:00', '12:00'], ['13:30', '18:00']], sat: [], sun: [] } } as const;

/**
 * Teams, agents, an office-hours calendar and a business-hours policy for email and web (so that
 * business time and calendar time differ in the history), then the policies as the SLA engine
 * would pick them. Names carry the run's tag so a second run adds people instead of failing.
 */
export async function createWorld(client: pg.ClientBase, random: Random, tag: string, now: number) {
  const teams: Team[] = [];
  for (const [i, name] of TEAM_NAMES.entries()) {
    const id = seedId('team', now, random);
    await client.query('INSERT INTO teams (id, name, created_at, updated_at) VALUES ($1, $2, now(), now())', [id, `${name} ${tag}`]);
    const team: Team = { id, agents: [] };
    const size = i === 6 || i === 7 ? 5 : 8;
    for (let j = 0; j < size; j++) {
      const agentId = seedId('agt', now, random);
      const name = `${SURNAMES[random.int(SURNAMES.length)]}${GIVEN[random.int(GIVEN.length)]}${GIVEN[random.int(GIVEN.length)]}`;
      await client.query(
        // No password: the hash verifies nothing (an admin sets one to let the agent sign in).
        `INSERT INTO agents (id, name, email, role, team_id, password_hash, created_at, updated_at) VALUES ($1, $2, $3, 'agent', $4, '!seeded-without-password', now(), now())`,
        [agentId, name, `agent-${agentId}@seed.invalid`, id],
      );
      team.agents.push({ id: agentId, teamId: id, speed: 0.6 + random.next() * 1.0 });
    }
    teams.push(team);
  }

  await client.query(
    `INSERT INTO business_calendars (id, name, timezone, weekly, holidays, created_at, updated_at) VALUES ($1, $2, $3, $4, '[]', now(), now()) ON CONFLICT DO NOTHING`,
    [OFFICE.id, OFFICE.name, OFFICE.timezone, JSON.stringify(OFFICE.weekly)],
  );
  await client.query(
    `INSERT INTO sla_policies (id, name, position, active, conditions, targets, warning, escalations, created_at, updated_at)
     VALUES ('slp_seed_office', 'Email and web: office hours (seed:bulk)', 5, true, '{"channels": ["email", "web"]}', $1, '{"percent": 75}', '{"onWarning": [], "onBreach": []}', now(), now())
     ON CONFLICT DO NOTHING`,
    [JSON.stringify([
      { metric: 'first_response', within: 'PT4H', businessHours: true, calendarId: OFFICE.id },
      { metric: 'next_response', within: 'PT8H', businessHours: true, calendarId: OFFICE.id },
      { metric: 'resolution', within: 'PT24H', businessHours: true, calendarId: OFFICE.id },
    ])],
  );

  const calendars = new Map<string, CompiledCalendar>();
  for (const row of (await client.query<{ id: string; timezone: string; weekly: never; holidays: never }>('SELECT id, timezone, weekly, holidays FROM business_calendars')).rows) {
    calendars.set(row.id, compileCalendar({ timezone: row.timezone, weekly: row.weekly, holidays: row.holidays }));
  }
  const policies = (await client.query<{ id: string; position: number; active: boolean; conditions: PolicyConditions; targets: PolicyTarget[] }>('SELECT id, position, active, conditions, targets FROM sla_policies')).rows;
  const specs = new Map<string, PolicySpec>(
    policies.map((p) => [
      p.id,
      {
        id: p.id,
        targets: p.targets.map((t): TargetSpec => {
          const clock = t.businessHours && t.calendarId ? calendars.get(t.calendarId) : undefined;
          return { metric: t.metric, withinMs: durationToMs(t.within) ?? 0, clock: clock ?? ALWAYS_OPEN, calendarId: clock ? t.calendarId! : null, policyId: p.id };
        }),
      },
    ]),
  );
  const cache = new Map<string, PolicySpec | undefined>();
  const policyFor = (ticket: { type: string; priority: string; channel: string }) => {
    const key = `${ticket.type}/${ticket.priority}/${ticket.channel}`;
    if (!cache.has(key)) cache.set(key, specs.get(matchPolicy(policies, { ...ticket, tags: [] })?.id ?? ''));
    return cache.get(key);
  };
  return { teams, policyFor };
}
