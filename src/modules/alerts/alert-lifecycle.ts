import type { AlertRules } from './alert-rules.schemas.ts';
import type { Incident } from './incidents.ts';
import { severity, worse, type AlertKind, type AlertStatus, type Level } from './levels.ts';

/** What the lifecycle needs to know of a stored alert. */
export interface AlertState {
  id: string;
  kind: AlertKind;
  subjectKey: string;
  keys: string[];
  level: Level;
  status: AlertStatus;
  raisedAt: Date;
  lastDetectedAt: Date;
  /** A lower level seen since `pendingSince`: the alert steps down to it once it has held long enough. */
  pendingLevel: Level | null;
  pendingSince: Date | null;
  resolvedAt: Date | null;
  resolution: 'auto' | 'manual' | null;
}

export type Decision =
  | { type: 'raise'; incident: Incident }
  | {
      type: 'update';
      alert: AlertState;
      incident: Incident;
      /** The level change, if any (down: a de-escalation; reopened: a resolved alert came back worse). */
      change: { from: Level; to: Level; direction: 'up' | 'down'; reopened: boolean } | null;
      pending: { level: Level; since: Date } | null;
      /** Adopt the incident's subject: it names the crisis better (a topic rather than a term). */
      resubject: boolean;
    }
  | { type: 'resolve'; alert: AlertState };

/** However much the detectors see at once, one run raises at most this many alerts (the rest wait for the next run). */
export const MAX_NEW_ALERTS_PER_RUN = 10;
export const MAX_KEYS_PER_ALERT = 50;

/** How well a kind names a crisis: a topic names a thing, a term only the kind of trouble, volume and sentiment nothing. */
const NAMING: Record<AlertKind, number> = { topic: 2, spread: 2, term: 1, volume: 0, sentiment: 0 };

const sharesKey = (alert: AlertState, incident: Incident) => incident.keys.some((k) => alert.keys.includes(k) || k === alert.subjectKey);

function merge(incidents: Incident[]): Incident {
  if (incidents.length === 1) return incidents[0]!;
  const sorted = [...incidents].sort((a, b) => severity(b.level) - severity(a.level) || NAMING[b.kind] - NAMING[a.kind]);
  const top = sorted[0]!;
  return { ...top, keys: [...new Set(sorted.flatMap((i) => i.keys))], detections: sorted.flatMap((i) => i.detections) };
}

/**
 * One run's decisions: one alert per crisis, which escalates as it worsens, steps down only when
 * a lower level has held for `deescalateAfterMinutes`, and resolves itself after `quietMinutes`
 * without any detection. An alert a person resolved stays resolved for `quietMinutes` unless the
 * crisis comes back worse than it was (then it reopens, rather than a second alert appearing).
 */
export function decide(alerts: { active: AlertState[]; recentlyResolved: AlertState[] }, incidents: Incident[], at: Date, rules: Pick<AlertRules, 'quietMinutes' | 'deescalateAfterMinutes'>): Decision[] {
  const decisions: Decision[] = [];
  const byAlert = new Map<string, Incident[]>();
  const unmatched: Incident[] = [];
  // Worst and oldest alerts claim their incidents first.
  const active = [...alerts.active].sort((a, b) => severity(b.level) - severity(a.level) || a.raisedAt.getTime() - b.raisedAt.getTime());
  for (const incident of incidents) {
    const alert = active.find((a) => sharesKey(a, incident));
    if (alert) byAlert.set(alert.id, [...(byAlert.get(alert.id) ?? []), incident]);
    else unmatched.push(incident);
  }

  for (const alert of active) {
    const matched = byAlert.get(alert.id);
    if (!matched) {
      if (at.getTime() - alert.lastDetectedAt.getTime() >= rules.quietMinutes * 60_000) decisions.push({ type: 'resolve', alert });
      continue;
    }
    const incident = merge(matched);
    const detected = incident.level;
    let change: Extract<Decision, { type: 'update' }>['change'] = null;
    let pending: { level: Level; since: Date } | null = null;
    if (severity(detected) > severity(alert.level)) {
      change = { from: alert.level, to: detected, direction: 'up', reopened: false };
    } else if (severity(detected) < severity(alert.level)) {
      const since = alert.pendingSince ?? at;
      const level = alert.pendingLevel ? worse(alert.pendingLevel, detected)! : detected;
      if (at.getTime() - since.getTime() >= rules.deescalateAfterMinutes * 60_000) change = { from: alert.level, to: level, direction: 'down', reopened: false };
      else pending = { level, since };
    }
    decisions.push({ type: 'update', alert, incident, change, pending, resubject: NAMING[incident.kind] > NAMING[alert.kind] });
  }

  let raised = 0;
  const quiet = rules.quietMinutes * 60_000;
  const reopened = new Set<string>();
  for (const incident of unmatched) {
    const resolved = alerts.recentlyResolved.find((a) => a.resolution === 'manual' && a.resolvedAt && at.getTime() - a.resolvedAt.getTime() < quiet && sharesKey(a, incident));
    if (resolved) {
      // Someone decided it was handled: only a worse crisis reopens it.
      if (!reopened.has(resolved.id) && severity(incident.level) > severity(resolved.level)) {
        reopened.add(resolved.id);
        decisions.push({ type: 'update', alert: resolved, incident, change: { from: resolved.level, to: incident.level, direction: 'up', reopened: true }, pending: null, resubject: NAMING[incident.kind] > NAMING[resolved.kind] });
      }
      continue;
    }
    if (raised >= MAX_NEW_ALERTS_PER_RUN) continue;
    raised++;
    decisions.push({ type: 'raise', incident });
  }
  return decisions;
}
