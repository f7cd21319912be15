import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database, Executor } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import { createEventRepository, type NewEvent } from '../events/events.repository.ts';
import { decide, MAX_KEYS_PER_ALERT, type Decision } from './alert-lifecycle.ts';
import type { AlertRules } from './alert-rules.schemas.ts';
import { createAlertRulesRepository } from './alert-rules.repository.ts';
import { createAlertRepository, stateOf, type AlertRow } from './alerts.repository.ts';
import { eventAlert, evidenceOf, figuresOf } from './alerts.presenter.ts';
import { weekdayFactors, type WeekdayFactors } from './baseline.ts';
import { createDetectorQueries } from './detector.queries.ts';
import { detectSentiment, detectSpread, detectTerm, detectTopic, detectVolume, type Detection, type DetectionContext } from './detectors.ts';
import { groupIncidents } from './incidents.ts';
import { worse } from './levels.ts';
import { createTermMatcher } from './term-matcher.ts';
import { detectionSlots, factorDays, localDate } from './windows.ts';

export interface DetectionRun {
  at: Date;
  skipped: boolean;
  detections: number;
  incidents: number;
  raised: number;
  escalated: number;
  deescalated: number;
  resolved: number;
  ms: number;
}

const SYSTEM = { type: 'system' as const, id: null };

/**
 * One run of crisis detection at `at` (the worker's clock, or a replay's): count what customers
 * wrote in the window ending at `at` and in the same window of past days, grade each detector,
 * group detections into incidents, and carry the alerts forward (raise, escalate, step down,
 * resolve) with their events, in one transaction. Only receivedAt decides what is in a window, so
 * a run over imported history gives what a run at the time would have given.
 */
export function createCrisisDetector(deps: { db: Database; clock: Clock; logger?: Logger }) {
  const queries = createDetectorQueries(deps.db);
  const rulesRepository = createAlertRulesRepository(deps.db);
  // The weekly index changes once a day: computed at the first run of each local day.
  let factorCache: { key: string; factors: WeekdayFactors } | undefined;
  let matcherCache: { terms: AlertRules['term']['terms']; match: (text: string) => string[] } | undefined;

  async function factorsFor(at: Date, timeZone: string): Promise<WeekdayFactors> {
    const key = `${timeZone}|${localDate(at, timeZone)}`;
    if (factorCache?.key !== key) {
      const { from, to } = factorDays(at, timeZone);
      factorCache = { key, factors: weekdayFactors(await queries.dailyTotals(from, to, timeZone)) };
    }
    return factorCache.factors;
  }

  function matcherFor(terms: AlertRules['term']['terms']) {
    if (matcherCache?.terms !== terms) matcherCache = { terms, match: createTermMatcher(terms.map((t) => t.term)) };
    return matcherCache.match;
  }

  async function detect(at: Date, rules: AlertRules): Promise<{ detections: Detection[]; context: DetectionContext }> {
    const historyStart = await queries.historyStart();
    const slots = detectionSlots(at, { windowMinutes: rules.windowMinutes, days: rules.baselineDays, timeZone: rules.timeZone, historyStart });
    const context: DetectionContext = { rules, slots, factors: await factorsFor(at, rules.timeZone), baselineReady: slots.length - 1 >= rules.minHistoryDays };
    const current = slots[0]!;
    const past = slots.slice(1);
    const [overall, busy, terms] = await Promise.all([
      queries.overall(slots),
      queries.topicsInWindow(current, { complaints: rules.topic.levels.IV.minCount, customers: rules.spread.levels.IV.minCustomers }),
      rules.term.enabled ? queries.terms(slots, matcherFor(rules.term.terms)) : Promise.resolve({ current: new Map(), samples: new Map() }),
    ]);
    const samples = await queries.topicSamples(past, busy.map((t) => t.key));
    const general = [detectVolume(overall, context), detectSentiment(overall, context)];
    if (general.some((d) => d !== null)) {
      const details = await queries.overallDetails(current);
      for (const d of general) if (d) Object.assign(d, details);
    }
    const detections: (Detection | null)[] = [...general];
    for (const topic of busy) {
      const s = samples.get(topic.key)!;
      const window = { ...topic, complaintSamples: s.complaints, customerSamples: s.customers };
      detections.push(detectTopic(window, context), detectSpread(window, context));
    }
    for (const { term, weight } of rules.term.terms) {
      const tickets = terms.current.get(term);
      if (tickets?.length) detections.push(detectTerm({ term, weight, tickets, samples: terms.samples.get(term) ?? [] }, context));
    }
    return { detections: detections.filter((d): d is Detection => d !== null), context };
  }

  async function apply(tx: Executor, decisions: Decision[], at: Date, context: DetectionContext, rulesVersion: number) {
    const repo = createAlertRepository(tx);
    const events: NewEvent[] = [];
    const counts = { raised: 0, escalated: 0, deescalated: 0, resolved: 0 };
    const window = context.slots[0]!;
    for (const decision of decisions) {
      if (decision.type === 'raise') {
        const { incident } = decision;
        const row = await repo.insert({
          id: newId('alert', at.getTime()),
          kind: incident.kind,
          subject: incident.subject,
          subjectKey: incident.subjectKey,
          keys: incident.keys.slice(0, MAX_KEYS_PER_ALERT),
          level: incident.level,
          peakLevel: incident.level,
          status: 'open',
          raisedAt: at,
          lastDetectedAt: at,
          evidence: evidenceOf(incident, window, context.rules.windowMinutes),
          rulesVersion,
          updatedAt: at,
        });
        await repo.recordChange({ alertId: row.id, change: 'raised', fromLevel: null, toLevel: row.level, status: 'open', actorType: 'system', actorId: null, note: null, figures: figuresOf(incident), at });
        events.push({ type: 'alert.raised', ticketId: null, actor: SYSTEM, data: { alert: eventAlert(row) }, at });
        counts.raised++;
      } else if (decision.type === 'update') {
        const { alert, incident, change, pending, resubject } = decision;
        const before = (await repo.findById(alert.id))!;
        const row = (await repo.update(
          alert.id,
          {
            lastDetectedAt: at,
            evidence: evidenceOf(incident, window, context.rules.windowMinutes),
            rulesVersion,
            keys: [...new Set([...alert.keys, ...incident.keys])].slice(0, MAX_KEYS_PER_ALERT),
            pendingLevel: pending?.level ?? null,
            pendingSince: pending?.since ?? null,
            updatedAt: at,
            ...(change ? { level: change.to, peakLevel: worse(before.peakLevel, change.to)! } : {}),
            ...(change?.reopened ? { status: 'open' as const, resolvedAt: null, resolvedByType: null, resolvedById: null, resolution: null } : {}),
            ...(resubject ? { kind: incident.kind, subject: incident.subject, subjectKey: incident.subjectKey } : {}),
          },
          { bumpVersion: change !== null || resubject },
        ))!;
        if (change) {
          const kind = change.reopened ? 'reopened' : change.direction === 'up' ? 'escalated' : 'deescalated';
          await repo.recordChange({ alertId: row.id, change: kind, fromLevel: change.from, toLevel: change.to, status: row.status, actorType: 'system', actorId: null, note: null, figures: figuresOf(incident), at });
          if (change.direction === 'up') {
            events.push({ type: 'alert.escalated', ticketId: null, actor: SYSTEM, data: { alert: eventAlert(row), from: change.from, to: change.to, reopened: change.reopened }, at });
            counts.escalated++;
          } else {
            events.push({ type: 'alert.deescalated', ticketId: null, actor: SYSTEM, data: { alert: eventAlert(row), from: change.from, to: change.to }, at });
            counts.deescalated++;
          }
        }
      } else {
        const row = (await repo.update(
          decision.alert.id,
          { status: 'resolved', resolvedAt: at, resolvedByType: 'system', resolvedById: null, resolution: 'auto', pendingLevel: null, pendingSince: null, updatedAt: at },
          { bumpVersion: true },
        ))!;
        await repo.recordChange({ alertId: row.id, change: 'resolved', fromLevel: row.level, toLevel: null, status: 'resolved', actorType: 'system', actorId: null, note: 'calm again: no detection for the quiet period', figures: null, at });
        events.push({ type: 'alert.resolved', ticketId: null, actor: SYSTEM, data: { alert: eventAlert(row), resolution: 'auto', note: null }, at });
        counts.resolved++;
      }
    }
    await createEventRepository(tx).append(events);
    return counts;
  }

  return {
    async run(at: Date = deps.clock.now()): Promise<DetectionRun> {
      const started = performance.now();
      const { rules, version } = await rulesRepository.current();
      const { detections, context } = await detect(at, rules);
      const incidents = groupIncidents(detections);
      const resolvedSince = new Date(at.getTime() - rules.quietMinutes * 60_000);
      // Most runs see nothing and carry nothing: they write nothing either.
      const quiet = incidents.length === 0 && (await createAlertRepository(deps.db).anyForDetection(resolvedSince)) === false;
      const outcome = quiet ? { raised: 0, escalated: 0, deescalated: 0, resolved: 0 } : await deps.db.transaction(async (tx) => {
        // One run at a time across workers: a run that finds another under way leaves it the work.
        const { rows } = await tx.execute<{ locked: boolean }>(sql`SELECT pg_try_advisory_xact_lock(hashtextextended('crisis-detection', 0)) AS locked`);
        if (!rows[0]?.locked) return null;
        const stored = await createAlertRepository(tx).forDetection(resolvedSince);
        const decisions = decide({ active: stored.active.map(stateOf), recentlyResolved: stored.recentlyResolved.map(stateOf) }, incidents, at, rules);
        return apply(tx, decisions, at, context, version);
      });
      const run: DetectionRun = {
        at,
        skipped: outcome === null,
        detections: detections.length,
        incidents: incidents.length,
        ...(outcome ?? { raised: 0, escalated: 0, deescalated: 0, resolved: 0 }),
        ms: Math.round(performance.now() - started),
      };
      if (outcome && (outcome.raised || outcome.escalated || outcome.deescalated || outcome.resolved)) deps.logger?.info({ ...run, at: at.toISOString() }, 'crisis alerts changed');
      return run;
    },
  };
}

export type CrisisDetector = ReturnType<typeof createCrisisDetector>;
export type { AlertRow };
