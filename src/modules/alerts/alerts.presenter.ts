import type { z } from 'zod';
import type { AlertEventAlertSchema } from './alert-events.schemas.ts';
import type { AlertDto, AlertEvidence } from './alerts.schemas.ts';
import type { AlertChangeRow, AlertRow } from './alerts.repository.ts';
import type { Detection } from './detectors.ts';
import type { Incident } from './incidents.ts';
import { PLAYBOOK } from './playbook.ts';
import type { Slot } from './windows.ts';

const actor = (type: string | null, id: string | null) => (type ? { type: type as 'agent' | 'api_key' | 'customer' | 'system', id } : null);

const detectionSummary = (d: Detection) => ({
  kind: d.kind,
  subject: d.subject,
  level: d.level,
  count: d.count,
  baseline: d.baseline,
  zScore: d.zScore,
  ratio: d.ratio,
  score: d.score,
  share: d.share,
  baselineShare: d.baselineShare,
  customers: d.customers,
  channels: d.channels,
});

/** What an alert stores of a run's incident: its primary detection's figures, the windows it compared, and every detection about it. */
export function evidenceOf(incident: Incident, window: Slot, windowMinutes: number): AlertEvidence {
  const p = incident.primary;
  return {
    windowStart: window.start.toISOString(),
    windowEnd: window.end.toISOString(),
    windowMinutes,
    count: p.count,
    baseline: p.baseline,
    zScore: p.zScore,
    ratio: p.ratio,
    score: p.score,
    share: p.share,
    baselineShare: p.baselineShare,
    customers: p.customers,
    channels: p.channels,
    sampleTicketIds: [...new Set([...p.sampleTicketIds, ...incident.detections.flatMap((d) => d.sampleTicketIds)])].slice(0, 10),
    windows: p.windows.map((w) => ({ start: w.start.toISOString(), end: w.end.toISOString(), count: w.count })),
    detections: incident.detections.map(detectionSummary),
  };
}

/** The headline figures kept with a history entry. */
export const figuresOf = (incident: Incident) => ({
  kind: incident.primary.kind,
  count: incident.primary.count,
  baseline: incident.primary.baseline,
  zScore: incident.primary.zScore,
  ratio: incident.primary.ratio,
  score: incident.primary.score,
});

export function presentAlert(row: AlertRow, history: AlertChangeRow[]): AlertDto {
  const playbook = PLAYBOOK[row.level];
  return {
    id: row.id,
    level: row.level,
    levelName: playbook.name,
    peakLevel: row.peakLevel,
    status: row.status,
    kind: row.kind,
    subject: row.subject,
    subjectKey: row.subjectKey,
    raisedAt: row.raisedAt.toISOString(),
    lastDetectedAt: row.lastDetectedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: actor(row.acknowledgedByType, row.acknowledgedById),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolvedBy: actor(row.resolvedByType, row.resolvedById),
    resolution: row.resolution,
    rulesVersion: row.rulesVersion,
    evidence: row.evidence as AlertEvidence,
    actions: { zh: playbook.zh, en: playbook.en },
    history: history.map((h) => ({
      change: h.change,
      fromLevel: h.fromLevel,
      toLevel: h.toLevel,
      status: h.status,
      actor: { type: h.actorType, id: h.actorId },
      note: h.note,
      figures: (h.figures as Record<string, unknown> | null) ?? null,
      at: h.at.toISOString(),
    })),
    version: row.version,
  };
}

/** The alert in its events' data. */
export function eventAlert(row: AlertRow): z.output<typeof AlertEventAlertSchema> {
  const e = row.evidence as AlertEvidence;
  return {
    id: row.id,
    level: row.level,
    status: row.status,
    kind: row.kind,
    subject: row.subject,
    raisedAt: row.raisedAt.toISOString(),
    evidence: {
      windowStart: e.windowStart,
      windowEnd: e.windowEnd,
      count: e.count,
      baseline: e.baseline,
      zScore: e.zScore,
      ratio: e.ratio,
      score: e.score,
      channels: e.channels,
      sampleTicketIds: e.sampleTicketIds,
    },
  };
}
