import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decide, MAX_NEW_ALERTS_PER_RUN, type AlertState } from '../../../src/modules/alerts/alert-lifecycle.ts';
import type { Detection } from '../../../src/modules/alerts/detectors.ts';
import { groupIncidents, type Incident } from '../../../src/modules/alerts/incidents.ts';
import { LEVELS, type AlertKind, type Level } from '../../../src/modules/alerts/levels.ts';

const ids = (prefix: string, from: number, to: number) => Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);

function detection(kind: AlertKind, subject: string, level: Level, ticketIds: string[], extra: Partial<Detection> = {}): Detection {
  return {
    kind, subjectKey: kind === 'volume' || kind === 'sentiment' ? kind : `${kind === 'term' ? 'term' : 'topic'}:${subject.toLowerCase()}`, subject, level,
    count: ticketIds.length, baseline: 0, zScore: 5, ratio: 5, score: kind === 'term' ? 20 : null, share: null, baselineShare: null, customers: ticketIds.length,
    channels: [], sampleTicketIds: ticketIds.slice(0, 5), windows: [], ticketIds, complaintTicketIds: ticketIds, negativeTicketIds: ticketIds, ...extra,
  };
}

describe('incidents: detections about one crisis are one', () => {
  it('a product, its category, its brand and a watch-list term over the same tickets are one incident named after the product', () => {
    const surge = ids('t', 0, 100);
    const incidents = groupIncidents([
      detection('topic', '小米', 'II', [...surge, 'x1', 'x2']),
      detection('topic', '手环', 'II', surge),
      detection('topic', '小米手环8', 'I', surge.slice(0, 95)),
      detection('spread', '小米手环8', 'I', surge),
      detection('term', '爆炸', 'III', surge.slice(0, 30)),
      detection('topic', '退款', 'IV', ids('r', 0, 10)),
    ]);
    expect(incidents.map((i) => `${i.level} ${i.kind} ${i.subject}`)).toEqual(['I topic 小米手环8', 'IV topic 退款']);
    expect(incidents[0]!.keys.sort()).toEqual(['term:爆炸', 'topic:小米', 'topic:小米手环8', 'topic:手环']);
  });

  it('overall volume joins the incident that explains it, and stands alone when none does', () => {
    const surge = ids('t', 0, 60);
    const explained = groupIncidents([detection('topic', 'Acme X200', 'II', surge), detection('volume', 'all complaints', 'III', [], { count: 80, baseline: 15 })]);
    expect(explained.map((i) => `${i.level} ${i.subject}`)).toEqual(['II Acme X200']);
    expect(explained[0]!.detections.map((d) => d.kind).sort()).toEqual(['topic', 'volume']);
    const unexplained = groupIncidents([detection('topic', 'Acme X200', 'IV', surge.slice(0, 10)), detection('volume', 'all complaints', 'III', [], { count: 80, baseline: 15 })]);
    expect(unexplained.map((i) => `${i.level} ${i.kind}`)).toEqual(['III volume', 'IV topic']);
  });

  it('every detection lands in exactly one incident, whose level is its worst', () => {
    const arbitrary = fc.array(
      fc.record({ kind: fc.constantFrom<AlertKind>('topic', 'spread', 'term', 'volume', 'sentiment'), subject: fc.constantFrom('a', 'b', 'c', 'd'), level: fc.constantFrom(...LEVELS), from: fc.integer({ min: 0, max: 50 }), size: fc.integer({ min: 1, max: 30 }) }),
      { maxLength: 12 },
    );
    fc.assert(fc.property(arbitrary, (specs) => {
      const detections = specs.map((s) => detection(s.kind, s.subject, s.level, s.kind === 'volume' || s.kind === 'sentiment' ? [] : ids('t', s.from, s.from + s.size), { count: s.size, baseline: 0 }));
      const incidents = groupIncidents(detections);
      expect(incidents.flatMap((i) => i.detections)).toHaveLength(detections.length);
      for (const incident of incidents) {
        const worst = Math.max(...incident.detections.map((d) => LEVELS.indexOf(d.level)));
        expect(LEVELS.indexOf(incident.level)).toBe(worst);
      }
    }));
  });
});

const RULES = { quietMinutes: 30, deescalateAfterMinutes: 10 };
const T0 = new Date('2026-05-20T12:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const incident = (level: Level, subject = '小米手环8', kind: AlertKind = 'topic'): Incident => {
  const d = detection(kind, subject, level, ids('t', 0, 10));
  return { subjectKey: d.subjectKey, subject, kind, level, keys: [d.subjectKey], primary: d, detections: [d] };
};
const alert = (level: Level, overrides: Partial<AlertState> = {}): AlertState => ({
  id: 'alr_1', kind: 'topic', subjectKey: 'topic:小米手环8', keys: ['topic:小米手环8'], level, status: 'open', raisedAt: T0, lastDetectedAt: T0,
  pendingLevel: null, pendingSince: null, resolvedAt: null, resolution: null, ...overrides,
});
const none = { active: [], recentlyResolved: [] };

describe('the alert lifecycle: one alert per crisis, never a flood', () => {
  it('raises a new crisis, and escalates the open alert as it worsens', () => {
    expect(decide(none, [incident('IV')], T0, RULES)).toMatchObject([{ type: 'raise' }]);
    expect(decide({ active: [alert('IV')], recentlyResolved: [] }, [incident('II')], at(1), RULES)).toMatchObject([
      { type: 'update', change: { from: 'IV', to: 'II', direction: 'up' }, pending: null },
    ]);
  });

  it('steps down only once a lower level has held for deescalateAfterMinutes, to the worst level seen meanwhile', () => {
    const first = decide({ active: [alert('I')], recentlyResolved: [] }, [incident('III')], at(1), RULES);
    expect(first).toMatchObject([{ type: 'update', change: null, pending: { level: 'III', since: at(1) } }]);
    const held = alert('I', { pendingLevel: 'II', pendingSince: at(1) });
    expect(decide({ active: [held], recentlyResolved: [] }, [incident('III')], at(5), RULES)).toMatchObject([{ change: null, pending: { level: 'II', since: at(1) } }]);
    expect(decide({ active: [held], recentlyResolved: [] }, [incident('III')], at(11), RULES)).toMatchObject([{ change: { from: 'I', to: 'II', direction: 'down' }, pending: null }]);
    // Back up to its level: the pending step down is forgotten.
    expect(decide({ active: [held], recentlyResolved: [] }, [incident('I')], at(6), RULES)).toMatchObject([{ change: null, pending: null }]);
  });

  it('resolves itself after quietMinutes without a detection, and not before', () => {
    const quiet = alert('II', { lastDetectedAt: at(0) });
    expect(decide({ active: [quiet], recentlyResolved: [] }, [], at(29), RULES)).toEqual([]);
    expect(decide({ active: [quiet], recentlyResolved: [] }, [], at(30), RULES)).toMatchObject([{ type: 'resolve' }]);
  });

  it('keeps an alert a person resolved resolved, unless the crisis comes back worse', () => {
    const resolved = alert('II', { status: 'resolved', resolvedAt: at(5), resolution: 'manual' });
    expect(decide({ active: [], recentlyResolved: [resolved] }, [incident('II')], at(10), RULES)).toEqual([]);
    expect(decide({ active: [], recentlyResolved: [resolved] }, [incident('I')], at(10), RULES)).toMatchObject([{ type: 'update', change: { to: 'I', reopened: true } }]);
    expect(decide({ active: [], recentlyResolved: [resolved] }, [incident('II')], at(40), RULES)).toMatchObject([{ type: 'raise' }]);
  });

  it('names an alert raised by a term after the product once the product shows', () => {
    const byTerm = alert('III', { kind: 'term', subjectKey: 'term:爆炸', keys: ['term:爆炸'] });
    const joined: Incident = { ...incident('II'), keys: ['topic:小米手环8', 'term:爆炸'] };
    expect(decide({ active: [byTerm], recentlyResolved: [] }, [joined], at(2), RULES)).toMatchObject([{ type: 'update', resubject: true }]);
  });

  it(`raises at most ${MAX_NEW_ALERTS_PER_RUN} alerts in one run, however much it sees`, () => {
    const many = Array.from({ length: 40 }, (_, i) => incident('IV', `topic ${i}`));
    expect(decide(none, many, T0, RULES).filter((d) => d.type === 'raise')).toHaveLength(MAX_NEW_ALERTS_PER_RUN);
  });
});
