import type { TicketUnitOfWork } from '../tickets/ticket-writes.ts';
import type { Clock } from '../../shared/clock.ts';
import { SYSTEM_ACTOR } from '../events/actor.ts';
import { newId } from '../../shared/ids.ts';
import { applyEscalations } from './escalations.ts';
import type { SlaEngine } from './sla-engine.ts';
import { timerChanges, type TimerIntent, type TimerKind } from './timer-intents.ts';

export type FireOutcome = 'fired' | 'stale' | 'early' | 'gone';

/**
 * What a timer does when it goes off. It re-reads the target under a row lock and acts only if the
 * target still warrants it, so retries, duplicate jobs, stale jobs and a reply racing the timer
 * change nothing: a target is warned at most once and breached at most once.
 */
export function createSlaFiring(deps: { uow: TicketUnitOfWork; engine: SlaEngine; clock: Clock }) {
  const { uow, engine, clock } = deps;

  /** How many due targets one breach timer may breach at once (a timer storm is one statement per batch). */
  const BATCH = 200;
  /** Older stragglers are the sweeper's; a timer's batch starts this far before its own deadline. */
  const BATCH_LOOKBACK_MS = 5_000;

  /**
   * The hot path: the SLA benchmark fires 100,000 of these a minute. Every job runs a set-based
   * batch of what is due now (its own target first); only a target whose policy escalates on
   * breach takes the one-by-one path that runs the escalation.
   */
  async function breach(targetId: string, now: Date): Promise<{ outcome: FireOutcome; intents: TimerIntent[]; retryAt?: Date }> {
    // Straight to the batch: it breaches this target if it is due (and escalates nothing), plus
    // whatever else is due, so a job whose target a sibling already breached still does work.
    const ids = await uow.read.sla.breachDueBatch(targetId, new Date(now.getTime() - BATCH_LOOKBACK_MS), now, BATCH);
    if (ids.includes(targetId)) return { outcome: 'fired', intents: [] };
    const target = await uow.read.sla.find(targetId);
    if (!target) return { outcome: 'gone', intents: [] };
    if (target.status !== 'active') return { outcome: 'stale', intents: [] };
    if (target.dueAt.getTime() > now.getTime()) return { outcome: 'early', intents: [], retryAt: target.dueAt };
    const policy = await engine.policyOf(uow.read, target.policyId);
    return uow.transaction(async (repos) => {
      // Lock order everywhere: the ticket, then its targets (replies and status changes do the same).
      await repos.tickets.findById(target.ticketId, { forUpdate: true });
      const breached = await repos.sla.breachIfDue(targetId, now);
      if (!breached) return { outcome: 'stale', intents: [] };
      // The warning timer, if it never went off, has nothing left to warn about.
      const intents: TimerIntent[] =
        breached.warnAt && !breached.warnedAt ? [{ targetId, kind: 'warning', fireAt: null, previousFireAt: breached.warnAt }] : [];
      intents.push(...(await engine.escalateBreach(repos, breached, policy, now)));
      return { outcome: 'fired', intents };
    });
  }

  return {
    async fire(targetId: string, kind: TimerKind): Promise<{ outcome: FireOutcome; intents: TimerIntent[]; retryAt?: Date }> {
      const now = clock.now();
      if (kind === 'breach') return breach(targetId, now);
      // Like breaches: the batch warns this target if its warning is due, plus whatever else is.
      const warned = await uow.read.sla.warnDueBatch(targetId, new Date(now.getTime() - BATCH_LOOKBACK_MS), now, BATCH);
      if (warned.includes(targetId)) return { outcome: 'fired', intents: [] };
      const ticketId = (await uow.read.sla.find(targetId))?.ticketId;
      if (!ticketId) return { outcome: 'gone', intents: [] };
      return uow.transaction(async (repos) => {
        // Lock order everywhere: the ticket, then its targets (replies and status changes do the same).
        await repos.tickets.findById(ticketId, { forUpdate: true });
        const target = await repos.sla.findForUpdate(targetId);
        if (!target) return { outcome: 'gone', intents: [] };
        if (target.status !== 'active') return { outcome: 'stale', intents: [] };
        const policy = await engine.policyOf(repos, target.policyId);

        if (!target.warnAt || target.warnedAt) return { outcome: 'stale', intents: [] };
        if (target.warnAt.getTime() > now.getTime()) return { outcome: 'early', intents: [], retryAt: target.warnAt };
        const row = (await repos.sla.update(target.id, { warnedAt: now, updatedAt: now }))!;
        const intents = timerChanges(target, row);
        const inserted = await repos.events.appendOnce({
          type: 'sla.warning',
          ticketId: target.ticketId,
          actor: SYSTEM_ACTOR,
          data: { targetId: target.id, metric: target.metric, cycle: target.cycle, dueAt: target.dueAt.toISOString(), policyId: target.policyId },
          at: now,
        });
        if (inserted) {
          const escalated = await applyEscalations(repos, target.ticketId, engine.escalationsOf(policy).onWarning, { type: 'sla.warning', targetId: target.id }, now);
          if (escalated) intents.push(...(await engine.reevaluate(repos, escalated, now)));
        }
        return { outcome: 'fired', intents };
      });
    },
  };
}

export type SlaFiring = ReturnType<typeof createSlaFiring>;
