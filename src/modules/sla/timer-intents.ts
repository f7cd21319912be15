import type { SlaTargetRow } from './sla.repository.ts';

export type TimerKind = 'warning' | 'breach';

/** What the BullMQ side must do after a commit: (re)arm a timer, or drop one that no longer applies. */
export interface TimerIntent {
  targetId: string;
  kind: TimerKind;
  fireAt: Date | null;
  previousFireAt: Date | null;
}

type TimerView = Pick<SlaTargetRow, 'id' | 'status' | 'dueAt' | 'warnAt' | 'warnedAt'>;

function fireTimes(target: TimerView | undefined): Record<TimerKind, Date | null> {
  if (!target || target.status !== 'active') return { warning: null, breach: null };
  return { breach: target.dueAt, warning: target.warnAt && !target.warnedAt ? target.warnAt : null };
}

/** The timers that differ between a target before and after a change. */
export function timerChanges(before: TimerView | undefined, after: TimerView | undefined): TimerIntent[] {
  const targetId = (after ?? before)?.id;
  if (!targetId) return [];
  const previous = fireTimes(before);
  const next = fireTimes(after);
  const intents: TimerIntent[] = [];
  for (const kind of ['warning', 'breach'] as const) {
    if (previous[kind]?.getTime() !== next[kind]?.getTime()) {
      intents.push({ targetId, kind, fireAt: next[kind], previousFireAt: previous[kind] });
    }
  }
  return intents;
}

/** Deterministic BullMQ job id (no `:` allowed): the same timer is never queued twice. */
export function timerJobId(targetId: string, kind: TimerKind, fireAt: Date): string {
  return `${targetId}_${kind}_${fireAt.getTime()}`;
}
