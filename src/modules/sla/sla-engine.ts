import type { EventRepository } from '../events/events.repository.ts';
import type { CalendarRepository } from '../calendars/calendars.repository.ts';
import { applyEscalations, type EscalationRepos } from './escalations.ts';
import { newId } from '../../shared/ids.ts';
import { ALWAYS_OPEN, type CompiledCalendar } from '../calendars/business-time.ts';
import { SYSTEM_ACTOR } from '../events/actor.ts';
import type { TicketRow } from '../tickets/tickets.repository.ts';
import type { MessageRow } from '../messages/messages.repository.ts';
import { durationToMs } from './durations.ts';
import { matchPolicy } from './policy-match.ts';
import type { PolicyRepository, SlaPolicyRow, SlaRepository, SlaTargetRow } from './sla.repository.ts';
import type { EscalationAction, PolicyConditions, PolicyTarget, Warning } from './sla.schemas.ts';
import { complete, deadlines, isOwed, pause, reopen, resume, warnOffset, type TargetPatch } from './target-clock.ts';
import { timerChanges, type TimerIntent } from './timer-intents.ts';

/** What the engine reads and writes inside the caller's transaction. */
export interface SlaRepos extends EscalationRepos {
  sla: SlaRepository;
  events: Pick<EventRepository, 'append' | 'appendOnce'>;
  policies: Pick<PolicyRepository, 'all'>;
  calendars: Pick<CalendarRepository, 'findById'>;
}

export interface PolicySource {
  /** Every policy, in position order (cached briefly: they change rarely and are read on every ticket event). */
  all(repos: Pick<SlaRepos, 'policies'>): Promise<SlaPolicyRow[]>;
}

export interface CalendarSource {
  get(repos: SlaRepos, calendarId: string): Promise<CompiledCalendar | null>;
}

type Metric = SlaTargetRow['metric'];
const PAUSING: readonly TicketRow['status'][] = ['pending', 'on_hold'];
const FINISHED: readonly TicketRow['status'][] = ['solved', 'closed'];

const policyTargets = (policy: SlaPolicyRow) => policy.targets as PolicyTarget[];
const policyWarning = (policy: SlaPolicyRow) => policy.warning as Warning | null;
const escalationsOf = (policy: SlaPolicyRow | undefined) =>
  (policy?.escalations ?? { onWarning: [], onBreach: [] }) as { onWarning: EscalationAction[]; onBreach: EscalationAction[] };

/**
 * SLA rules applied inside the transaction of the change that triggers them (a ticket opened, a
 * message, a status or field change). Each hook returns the timer changes to make once the
 * transaction has committed: Postgres holds the truth, BullMQ only the alarms.
 */
export function createSlaEngine(deps: { policies: PolicySource; calendars: CalendarSource }) {
  async function clockOf(repos: SlaRepos, target: Pick<SlaTargetRow, 'businessHours' | 'calendarId'>): Promise<CompiledCalendar> {
    if (!target.businessHours || !target.calendarId) return ALWAYS_OPEN;
    return (await deps.calendars.get(repos, target.calendarId)) ?? ALWAYS_OPEN;
  }

  async function policyFor(repos: SlaRepos, ticket: TicketRow) {
    const policies = await deps.policies.all(repos);
    return matchPolicy(
      policies.map((p) => ({ ...p, conditions: p.conditions as PolicyConditions })),
      ticket,
    );
  }

  async function buildTarget(repos: SlaRepos, ticket: TicketRow, policy: SlaPolicyRow, spec: PolicyTarget, cycle: number, startedAt: Date, now: Date) {
    const withinMs = durationToMs(spec.within) ?? 0;
    const warning = policyWarning(policy);
    const warnOffsetMs = warnOffset(withinMs, warning ? { percent: warning.percent, leadTimeMs: warning.leadTime ? durationToMs(warning.leadTime) : null } : null);
    const businessHours = spec.businessHours && !!spec.calendarId;
    const calendarId = businessHours ? (spec.calendarId ?? null) : null;
    const clock = await clockOf(repos, { businessHours, calendarId });
    return {
      id: newId('slaTarget', now.getTime()),
      ticketId: ticket.id,
      policyId: policy.id,
      metric: spec.metric,
      cycle,
      status: 'active' as const,
      startedAt,
      withinMs,
      warnOffsetMs,
      businessHours,
      calendarId,
      pausedMs: 0,
      ...deadlines({ startedAt, withinMs, warnOffsetMs, pausedMs: 0 }, clock),
      createdAt: now,
      updatedAt: now,
    };
  }

  /** Applies a pure patch to a target row and returns the timer changes it implies. */
  async function patchTarget(repos: SlaRepos, target: SlaTargetRow, patch: TargetPatch, now: Date): Promise<{ row: SlaTargetRow; intents: TimerIntent[] }> {
    const row = (await repos.sla.update(target.id, { ...patch, updatedAt: now }))!;
    return { row, intents: timerChanges(target, row) };
  }

  async function recordBreach(repos: SlaRepos, target: SlaTargetRow, policy: SlaPolicyRow | undefined, at: Date): Promise<TimerIntent[]> {
    const inserted = await repos.events.appendOnce({
      type: 'sla.breached',
      ticketId: target.ticketId,
      actor: SYSTEM_ACTOR,
      data: { targetId: target.id, metric: target.metric, cycle: target.cycle, dueAt: target.dueAt.toISOString(), policyId: target.policyId },
      at,
    });
    if (!inserted) return [];
    return escalateBreach(repos, target, policy, at);
  }

  /** The policy's breach actions, then the policy chosen again (a raised priority may pick a stricter one). */
  async function escalateBreach(repos: SlaRepos, target: Pick<SlaTargetRow, 'id' | 'ticketId'>, policy: SlaPolicyRow | undefined, at: Date): Promise<TimerIntent[]> {
    const escalated = await applyEscalations(repos, target.ticketId, escalationsOf(policy).onBreach, { type: 'sla.breached', targetId: target.id }, at);
    return escalated ? reevaluate(repos, escalated, at) : [];
  }

  /** Ends the given open targets (a reply, a solve); late ones are breached, never both. */
  async function completeTargets(repos: SlaRepos, targets: SlaTargetRow[], now: Date): Promise<TimerIntent[]> {
    const intents: TimerIntent[] = [];
    const policies = await deps.policies.all(repos);
    for (const target of targets) {
      const result = complete(target, now, await clockOf(repos, target));
      if (!result) continue;
      const { row, intents: changes } = await patchTarget(repos, target, result.patch, now);
      intents.push(...changes);
      if (result.breached) intents.push(...(await recordBreach(repos, row, policies.find((p) => p.id === row.policyId), now)));
    }
    return intents;
  }

  /** The first matching policy, applied again after a change of type, priority, channel or tags. */
  async function reevaluate(repos: SlaRepos, ticket: TicketRow, now: Date): Promise<TimerIntent[]> {
    if (FINISHED.includes(ticket.status)) return [];
    const policy = await policyFor(repos, ticket);
    const targets = await repos.sla.targetsOf(ticket.id, { forUpdate: true });
    const intents: TimerIntent[] = [];
    const specs = new Map<Metric, PolicyTarget>((policy ? policyTargets(policy) : []).map((spec) => [spec.metric, spec]));
    for (const target of targets.filter((t) => t.status === 'active' || t.status === 'paused')) {
      const spec = specs.get(target.metric);
      if (!policy || !spec) {
        await repos.sla.remove(target.id);
        intents.push(...timerChanges(target, undefined));
        continue;
      }
      const fresh = await buildTarget(repos, ticket, policy, spec, target.cycle, target.startedAt, now);
      const clock = await clockOf(repos, fresh);
      const timing = { startedAt: target.startedAt, withinMs: fresh.withinMs, warnOffsetMs: fresh.warnOffsetMs, pausedMs: target.pausedMs };
      const patch: TargetPatch & Partial<SlaTargetRow> = {
        policyId: policy.id,
        withinMs: fresh.withinMs,
        warnOffsetMs: fresh.warnOffsetMs,
        businessHours: fresh.businessHours,
        calendarId: fresh.calendarId,
        ...deadlines(timing, clock),
      };
      const { intents: changes } = await patchTarget(repos, target, patch, now);
      intents.push(...changes);
    }
    if (policy) {
      const hasAgentReply = targets.some((t) => t.metric === 'first_response' && (t.status === 'achieved' || t.completedAt));
      for (const metric of ['first_response', 'resolution'] as const) {
        const spec = specs.get(metric);
        if (!spec || targets.some((t) => t.metric === metric)) continue;
        if (metric === 'first_response' && hasAgentReply) continue;
        const [row] = await repos.sla.insert([await buildTarget(repos, ticket, policy, spec, 1, ticket.createdAt, now)]);
        if (row) intents.push(...(await pauseIfWaiting(repos, ticket, row, now)));
      }
    }
    await repos.sla.refreshNextDue(ticket.id);
    return intents;
  }

  async function pauseIfWaiting(repos: SlaRepos, ticket: TicketRow, row: SlaTargetRow, now: Date): Promise<TimerIntent[]> {
    if (!PAUSING.includes(ticket.status)) return timerChanges(undefined, row);
    const patched = pause(row, now);
    if (!patched) return timerChanges(undefined, row);
    await repos.sla.startPause(row.id, newId('slaTarget', now.getTime()), ticket.status, now);
    const { row: paused } = await patchTarget(repos, row, patched, now);
    return timerChanges(undefined, paused);
  }

  return {
    /** The policy a target was created under (from the cache), for its escalations. */
    /**
     * Reads the policies now if the cache is stale (with `repos` on the pool), so that a decision
     * made right after (intake in one call, whose repositories read nothing) finds them cached.
     */
    async warm(repos: Pick<SlaRepos, 'policies'>): Promise<void> {
      await deps.policies.all(repos);
    },
    async policyOf(repos: SlaRepos, policyId: string | null) {
      return policyId ? (await deps.policies.all(repos)).find((p) => p.id === policyId) : undefined;
    },
    recordBreach,
    escalateBreach,
    clockOf,
    escalationsOf,

    /** The ticket's first targets; also returned, so the caller can show them without reading them back. */
    async onTicketCreated(repos: SlaRepos, ticket: TicketRow, now: Date): Promise<{ intents: TimerIntent[]; targets: SlaTargetRow[] }> {
      const policy = await policyFor(repos, ticket);
      if (!policy) return { intents: [], targets: [] };
      const rows = [];
      for (const spec of policyTargets(policy)) {
        if (spec.metric === 'next_response') continue; // starts with the customer's next message
        rows.push(await buildTarget(repos, ticket, policy, spec, 1, ticket.createdAt, now));
      }
      const inserted = await repos.sla.insert(rows);
      const earliest = inserted.reduce<Date | null>((min, row) => (!min || row.dueAt < min ? row.dueAt : min), null);
      if (earliest) await repos.sla.setNextDue(ticket.id, earliest);
      return { intents: inserted.flatMap((row) => timerChanges(undefined, row)), targets: inserted };
    },

    async onMessage(repos: SlaRepos, ticket: TicketRow, message: Pick<MessageRow, 'author' | 'visibility' | 'createdAt'>, now: Date): Promise<TimerIntent[]> {
      if (message.visibility !== 'public' || message.author === 'system') return [];
      const targets = await repos.sla.targetsOf(ticket.id, { forUpdate: true });
      const open = targets.filter(isOwed);
      let intents: TimerIntent[] = [];
      if (message.author === 'agent') {
        intents = await completeTargets(repos, open.filter((t) => t.metric !== 'resolution'), now);
      } else if (!FINISHED.includes(ticket.status) && !open.some((t) => t.metric !== 'resolution')) {
        // The customer waits for an answer again (the first response is behind us): next_response.
        const policy = await policyFor(repos, ticket);
        const spec = policy && policyTargets(policy).find((t) => t.metric === 'next_response');
        if (policy && spec) {
          const cycle = (await repos.sla.lastCycle(ticket.id, 'next_response')) + 1;
          const [row] = await repos.sla.insert([await buildTarget(repos, ticket, policy, spec, cycle, message.createdAt, now)]);
          if (row) intents = await pauseIfWaiting(repos, ticket, row, now);
        }
      }
      await repos.sla.refreshNextDue(ticket.id);
      return intents;
    },

    async onStatusChange(repos: SlaRepos, ticket: TicketRow, from: TicketRow['status'], now: Date): Promise<TimerIntent[]> {
      const to = ticket.status;
      if (from === to) return [];
      const targets = await repos.sla.targetsOf(ticket.id, { forUpdate: true });
      const intents: TimerIntent[] = [];
      if (PAUSING.includes(to) && !PAUSING.includes(from)) {
        for (const target of targets) {
          const patch = pause(target, now);
          if (!patch) continue;
          await repos.sla.startPause(target.id, newId('slaTarget', now.getTime()), to, now);
          intents.push(...(await patchTarget(repos, target, patch, now)).intents);
        }
      } else if (PAUSING.includes(from) && !PAUSING.includes(to)) {
        for (const target of targets) {
          const patch = resume(target, now, await clockOf(repos, target));
          if (!patch) continue;
          await repos.sla.endPause(target.id, now);
          intents.push(...(await patchTarget(repos, target, patch, now)).intents);
        }
      }
      if (FINISHED.includes(to) && !FINISHED.includes(from)) {
        // Solved: the resolution target is met; a question never answered before the solve counts as answered by it.
        intents.push(...(await completeTargets(repos, (await repos.sla.targetsOf(ticket.id)).filter(isOwed), now)));
      } else if (from === 'solved' && !FINISHED.includes(to)) {
        for (const target of targets.filter((t) => t.metric === 'resolution')) {
          const patch = reopen(target, now, await clockOf(repos, target));
          if (patch) intents.push(...(await patchTarget(repos, target, patch, now)).intents);
        }
      }
      await repos.sla.refreshNextDue(ticket.id);
      return intents;
    },

    reevaluate,
  };
}

export type SlaEngine = ReturnType<typeof createSlaEngine>;
