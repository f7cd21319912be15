import type { Detection } from './detectors.ts';
import { severity, type AlertKind, type Level } from './levels.ts';

/**
 * One crisis as the detectors saw it in one run: the detections that are about the same thing.
 * A surge of complaints about 小米手环8 trips the topic detector for 小米手环8, 手环 and 充电器,
 * the spread detector, the 爆炸 watch term, overall volume and negative share at once; as
 * separate alerts that would be the flood the playbook warns against. So:
 * - detections about a subject (topic, spread, term) whose tickets overlap (half the smaller set
 *   or more) are one incident;
 * - overall volume and sentiment join the incident that accounts for at least half of their excess
 *   (its complaints, or its negative tickets), and stand alone only when no incident explains them.
 * The incident's level is its worst detection's; its subject is the most specific topic that
 * carries most of it (a product over its category), else the strongest term.
 */
export interface Incident {
  subjectKey: string;
  subject: string;
  kind: AlertKind;
  level: Level;
  /** Every detection's subjectKey: what an open alert is matched on. */
  keys: string[];
  primary: Detection;
  detections: Detection[];
}

export const OVERLAP_TO_MERGE = 0.5;
export const SHARE_TO_EXPLAIN = 0.5;
/** A topic within 80 % of the incident's largest count may name it if it is more specific (longer). */
const NEAR_LARGEST = 0.8;

const KIND_ORDER: Record<AlertKind, number> = { topic: 0, spread: 1, term: 2, volume: 3, sentiment: 4 };

export function overlap(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const [small, large] = a.length <= b.length ? [a, new Set(b)] : [b, new Set(a)];
  let shared = 0;
  for (const id of small) if (large.has(id)) shared++;
  return shared / small.length;
}

function representative(detections: Detection[]): Detection {
  const named = detections.filter((d) => d.kind === 'topic' || d.kind === 'spread');
  if (named.length > 0) {
    const largest = Math.max(...named.map((d) => d.ticketIds.length));
    return named
      .filter((d) => d.ticketIds.length >= NEAR_LARGEST * largest)
      .sort((a, b) => b.subject.length - a.subject.length || severity(b.level) - severity(a.level) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.subjectKey.localeCompare(b.subjectKey))[0]!;
  }
  return [...detections].sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.subjectKey.localeCompare(b.subjectKey))[0]!;
}

function incidentOf(detections: Detection[]): Incident {
  const primary = representative(detections);
  const level = detections.reduce<Level>((worst, d) => (severity(d.level) > severity(worst) ? d.level : worst), detections[0]!.level);
  return {
    subjectKey: primary.subjectKey,
    subject: primary.subject,
    kind: primary.kind,
    level,
    keys: [...new Set(detections.map((d) => d.subjectKey))],
    primary,
    detections: [...detections].sort((a, b) => severity(b.level) - severity(a.level) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]),
  };
}

export function groupIncidents(detections: Detection[]): Incident[] {
  const specific = detections.filter((d) => d.kind === 'topic' || d.kind === 'spread' || d.kind === 'term');
  const general = detections.filter((d) => d.kind === 'volume' || d.kind === 'sentiment');

  // Union-find over specific detections: same subject, or overlapping tickets.
  const parent = specific.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < specific.length; i++) {
    for (let j = i + 1; j < specific.length; j++) {
      if (specific[i]!.subjectKey === specific[j]!.subjectKey || overlap(specific[i]!.ticketIds, specific[j]!.ticketIds) >= OVERLAP_TO_MERGE) parent[find(i)] = find(j);
    }
  }
  const clusters = new Map<number, Detection[]>();
  specific.forEach((d, i) => clusters.set(find(i), [...(clusters.get(find(i)) ?? []), d]));
  const groups = [...clusters.values()];

  const standalone: Detection[][] = [];
  for (const d of general) {
    const excess = d.count - d.baseline;
    const coveredBy = (group: Detection[]) => {
      const ids = new Set(group.flatMap((g) => (d.kind === 'volume' ? g.complaintTicketIds : g.negativeTicketIds)));
      return ids.size;
    };
    const best = groups.map((g) => ({ g, covered: coveredBy(g) })).sort((a, b) => b.covered - a.covered)[0];
    if (best && excess > 0 && best.covered >= SHARE_TO_EXPLAIN * excess) best.g.push(d);
    else standalone.push([d]);
  }
  return [...groups, ...standalone].map(incidentOf).sort((a, b) => severity(b.level) - severity(a.level) || a.subjectKey.localeCompare(b.subjectKey));
}
