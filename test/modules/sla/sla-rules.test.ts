import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ALWAYS_OPEN, compileCalendar } from '../../../src/modules/calendars/business-time.ts';
import { complete, deadlines, pause, reopen, resume, warnOffset, type TargetClockState } from '../../../src/modules/sla/target-clock.ts';
import { matchPolicy } from '../../../src/modules/sla/policy-match.ts';
import { timerChanges, timerJobId } from '../../../src/modules/sla/timer-intents.ts';
import { durationToMs } from '../../../src/modules/sla/durations.ts';

const H = 3_600_000;
const at = (iso: string) => new Date(iso);

function target(overrides: Partial<TargetClockState> = {}): TargetClockState {
  const base = { startedAt: at('2026-03-02T09:00:00Z'), withinMs: 4 * H, warnOffsetMs: 3 * H, pausedMs: 0 };
  return {
    status: 'active',
    ...base,
    ...deadlines(base, ALWAYS_OPEN),
    pausedAt: null,
    warnedAt: null,
    breachedAt: null,
    achievedAt: null,
    completedAt: null,
    elapsedMs: null,
    ...overrides,
  };
}

describe('target clock', () => {
  it('warns at the earlier of the percentage and the lead time', () => {
    expect(warnOffset(4 * H, { percent: 75 })).toBe(3 * H);
    expect(warnOffset(4 * H, { percent: 75, leadTimeMs: 2 * H })).toBe(2 * H);
    expect(warnOffset(4 * H, { leadTimeMs: 5 * H })).toBeNull();
    expect(warnOffset(4 * H, null)).toBeNull();
  });

  it('shifts the deadline by exactly the paused time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 * H }), (pauseMs) => {
        const t = target();
        const paused = { ...t, ...pause(t, at('2026-03-02T10:00:00Z')) } as TargetClockState;
        const resumed = resume(paused, new Date(at('2026-03-02T10:00:00Z').getTime() + pauseMs), ALWAYS_OPEN)!;
        expect(resumed.dueAt!.getTime() - t.dueAt.getTime()).toBe(pauseMs);
        expect(resumed.warnAt!.getTime() - t.warnAt!.getTime()).toBe(pauseMs);
      }),
    );
  });

  it('counts only business time paused on a calendar', () => {
    const cal = compileCalendar({ timezone: 'Asia/Shanghai', weekly: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']] }, holidays: [] });
    const start = at('2026-03-02T02:00:00Z'); // Mon 10:00 in Shanghai
    const t = target({ startedAt: start, withinMs: 4 * H, warnOffsetMs: null, ...deadlines({ startedAt: start, withinMs: 4 * H, warnOffsetMs: null, pausedMs: 0 }, cal) });
    expect(t.dueAt.toISOString()).toBe('2026-03-02T06:00:00.000Z'); // 14:00
    const paused = { ...t, ...pause(t, at('2026-03-02T04:00:00Z')) } as TargetClockState; // 12:00, 2 h left
    const resumed = resume(paused, at('2026-03-03T02:00:00Z'), cal)!; // Tue 10:00: 6 h + 1 h of business time paused
    expect(resumed.pausedMs).toBe(7 * H);
    expect(resumed.dueAt!.toISOString()).toBe('2026-03-03T04:00:00.000Z'); // Tue 12:00: the 2 h left
  });

  it('is achieved on time and breached (at its deadline) when late, never both', () => {
    const t = target();
    expect(complete(t, at('2026-03-02T12:59:59Z'), ALWAYS_OPEN)!.patch).toMatchObject({ status: 'achieved' });
    const late = complete(t, at('2026-03-02T13:00:00Z'), ALWAYS_OPEN)!;
    expect(late.breached).toBe(true);
    expect(late.patch).toMatchObject({ status: 'breached', breachedAt: t.dueAt });
    expect(late.patch.achievedAt).toBeUndefined();
  });

  it('reopens an achieved resolution with the solved time as a pause', () => {
    const t = target({ status: 'achieved', achievedAt: at('2026-03-02T10:00:00Z') });
    const reopened = reopen(t, at('2026-03-02T11:00:00Z'), ALWAYS_OPEN)!;
    expect(reopened).toMatchObject({ status: 'active', pausedMs: H, achievedAt: null });
    expect(reopened.dueAt!.toISOString()).toBe('2026-03-02T14:00:00.000Z');
  });
});

describe('policy matching', () => {
  const policies = [
    { id: 'b', position: 20, active: true, conditions: { types: ['complaint' as const] } },
    { id: 'a', position: 10, active: false, conditions: {} },
    { id: 'c', position: 30, active: true, conditions: { tags: ['vip'], channels: ['weibo' as const] } },
    { id: 'z', position: 100, active: true, conditions: {} },
  ];
  it('takes the first active match by position', () => {
    expect(matchPolicy(policies, { type: 'complaint', priority: 'normal', channel: 'email', tags: [] })?.id).toBe('b');
    expect(matchPolicy(policies, { type: 'question', priority: 'normal', channel: 'weibo', tags: ['vip'] })?.id).toBe('c');
    expect(matchPolicy(policies, { type: 'question', priority: 'normal', channel: 'email', tags: ['vip'] })?.id).toBe('z');
    expect(matchPolicy(policies, { type: null, priority: 'low', channel: 'web', tags: [] })?.id).toBe('z');
  });
});

describe('timer intents', () => {
  it('re-arms a moved deadline and drops the old job', () => {
    const before = { id: 'sla_1', status: 'active' as const, dueAt: at('2026-03-02T10:00:00Z'), warnAt: null, warnedAt: null };
    const after = { ...before, dueAt: at('2026-03-02T11:00:00Z') };
    expect(timerChanges(before, after)).toEqual([{ targetId: 'sla_1', kind: 'breach', fireAt: after.dueAt, previousFireAt: before.dueAt }]);
    expect(timerChanges(before, { ...before, status: 'achieved' })).toEqual([{ targetId: 'sla_1', kind: 'breach', fireAt: null, previousFireAt: before.dueAt }]);
    expect(timerChanges(before, before)).toEqual([]);
  });

  it('builds job ids BullMQ accepts (no colon) and that differ per deadline', () => {
    const id = timerJobId('sla_1', 'breach', at('2026-03-02T10:00:00Z'));
    expect(id).not.toContain(':');
    expect(id).not.toBe(timerJobId('sla_1', 'breach', at('2026-03-02T10:00:01Z')));
  });
});

describe('durations', () => {
  it('reads ISO 8601 durations', () => {
    expect(durationToMs('PT3S')).toBe(3000);
    expect(durationToMs('PT24H')).toBe(24 * H);
    expect(durationToMs('P1D')).toBe(24 * H);
    expect(durationToMs('nonsense')).toBeNull();
  });
});
