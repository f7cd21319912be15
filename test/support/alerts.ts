import { newId } from '../../src/shared/ids.ts';
import { createAlertRepository } from '../../src/modules/alerts/alerts.repository.ts';
import type { Harness } from './harness.ts';

/** An open alert as the detector would store it, for tests about reading and changing alerts. */
export async function insertAlert(h: Harness, overrides: { subject?: string; level?: 'I' | 'II' | 'III' | 'IV'; raisedAt?: Date } = {}): Promise<string> {
  const at = overrides.raisedAt ?? new Date();
  const level = overrides.level ?? 'III';
  const window = { start: new Date(at.getTime() - 600_000).toISOString(), end: at.toISOString() };
  const row = await createAlertRepository(h.container.db.db).insert({
    id: newId('alert', at.getTime()),
    kind: 'topic',
    subject: overrides.subject ?? '小米手环8',
    subjectKey: `topic:${overrides.subject ?? '小米手环8'}`,
    keys: [`topic:${overrides.subject ?? '小米手环8'}`],
    level,
    peakLevel: level,
    status: 'open',
    raisedAt: at,
    lastDetectedAt: at,
    evidence: {
      windowStart: window.start,
      windowEnd: window.end,
      windowMinutes: 10,
      count: 25,
      baseline: 1,
      zScore: 24,
      ratio: 13,
      score: null,
      share: null,
      baselineShare: null,
      customers: 25,
      channels: [{ channel: 'weibo', tickets: 20 }, { channel: 'douyin', tickets: 5 }],
      sampleTicketIds: [],
      windows: [{ start: window.start, end: window.end, count: 25 }],
      detections: [],
    },
    rulesVersion: 1,
    updatedAt: at,
  });
  await createAlertRepository(h.container.db.db).recordChange({ alertId: row.id, change: 'raised', fromLevel: null, toLevel: level, status: 'open', actorType: 'system', actorId: null, note: null, figures: { count: 25 }, at });
  return row.id;
}
