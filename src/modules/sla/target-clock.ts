import { addBusinessTime, businessTimeBetween, type CompiledCalendar } from '../calendars/business-time.ts';

/**
 * The arithmetic of one SLA target, pure. A target measures active time in its own clock (a
 * business calendar, or ALWAYS_OPEN for calendar time):
 *   due  = start + (within + paused)      in that clock
 *   warn = start + (warnOffset + paused)
 * so pausing for a while moves both by exactly the paused time of that clock.
 */
export interface TargetClockState {
  status: 'active' | 'paused' | 'achieved' | 'breached';
  startedAt: Date;
  withinMs: number;
  warnOffsetMs: number | null;
  pausedMs: number;
  pausedAt: Date | null;
  dueAt: Date;
  warnAt: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
  achievedAt: Date | null;
  completedAt: Date | null;
  elapsedMs: number | null;
}

export type TargetPatch = Partial<TargetClockState>;

/** When to warn, as active time from the start: the earlier of the percentage and the lead time. */
export function warnOffset(withinMs: number, warning: { percent?: number | undefined; leadTimeMs?: number | null | undefined } | null): number | null {
  if (!warning) return null;
  const candidates: number[] = [];
  if (warning.percent !== undefined) candidates.push(Math.floor((withinMs * warning.percent) / 100));
  if (warning.leadTimeMs) candidates.push(withinMs - warning.leadTimeMs);
  const valid = candidates.filter((offset) => offset > 0 && offset < withinMs);
  return valid.length ? Math.min(...valid) : null;
}

export function deadlines(state: Pick<TargetClockState, 'startedAt' | 'withinMs' | 'warnOffsetMs' | 'pausedMs'>, clock: CompiledCalendar) {
  return {
    dueAt: addBusinessTime(state.startedAt, state.withinMs + state.pausedMs, clock),
    warnAt: state.warnOffsetMs === null ? null : addBusinessTime(state.startedAt, state.warnOffsetMs + state.pausedMs, clock),
  };
}

export function pause(state: TargetClockState, now: Date): TargetPatch | null {
  if (state.status !== 'active') return null;
  return { status: 'paused', pausedAt: now };
}

export function resume(state: TargetClockState, now: Date, clock: CompiledCalendar): TargetPatch | null {
  if (state.status !== 'paused' || !state.pausedAt) return null;
  const pausedMs = state.pausedMs + businessTimeBetween(state.pausedAt, now, clock);
  return { status: 'active', pausedAt: null, pausedMs, ...deadlines({ ...state, pausedMs }, clock) };
}

/**
 * Still owed to the customer: running or paused, or breached by its timer and not answered yet.
 * The reply or solve that finally comes ends it too (so reports count late answers).
 */
export const isOwed = (state: Pick<TargetClockState, 'status' | 'completedAt'>): boolean =>
  state.status === 'active' || state.status === 'paused' || (state.status === 'breached' && !state.completedAt);

/**
 * The reply or solve that ends a target. On time, it is achieved; late (a reply that raced the
 * breach timer and lost), it is breached at its deadline: never both.
 */
export function complete(state: TargetClockState, now: Date, clock: CompiledCalendar): { patch: TargetPatch; breached: boolean } | null {
  if (state.status === 'breached' && !state.completedAt) {
    // Breached by the timer earlier; record when it was finally answered, for reports.
    const elapsedMs = Math.max(0, businessTimeBetween(state.startedAt, now, clock) - state.pausedMs);
    return { patch: { completedAt: now, elapsedMs }, breached: false };
  }
  if (state.status !== 'active' && state.status !== 'paused') return null;
  const pausedMs = state.status === 'paused' && state.pausedAt ? state.pausedMs + businessTimeBetween(state.pausedAt, now, clock) : state.pausedMs;
  const elapsedMs = Math.max(0, businessTimeBetween(state.startedAt, now, clock) - pausedMs);
  const common = { pausedAt: null, pausedMs, completedAt: now, elapsedMs };
  if (state.status === 'active' && state.dueAt.getTime() <= now.getTime()) {
    return { patch: { ...common, status: 'breached', breachedAt: state.dueAt }, breached: true };
  }
  return { patch: { ...common, status: 'achieved', achievedAt: now }, breached: false };
}

/**
 * A reopened ticket: an achieved resolution target runs again, with the time the ticket spent
 * solved counted as a pause (the customer had an answer meanwhile).
 */
export function reopen(state: TargetClockState, now: Date, clock: CompiledCalendar): TargetPatch | null {
  if (state.status !== 'achieved' || !state.achievedAt) return null;
  const pausedMs = state.pausedMs + businessTimeBetween(state.achievedAt, now, clock);
  return {
    status: 'active',
    achievedAt: null,
    completedAt: null,
    elapsedMs: null,
    pausedMs,
    ...deadlines({ ...state, pausedMs }, clock),
  };
}
