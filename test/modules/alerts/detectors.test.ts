import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_ALERT_RULES } from '../../../src/modules/alerts/alert-rules.schemas.ts';
import { detectSentiment, detectSpread, detectTerm, detectTopic, detectVolume, gradeBy, type DetectionContext, type OverallWindow, type TopicWindow, type WindowTicket } from '../../../src/modules/alerts/detectors.ts';
import { detectionSlots } from '../../../src/modules/alerts/windows.ts';
import { severity } from '../../../src/modules/alerts/levels.ts';

const AT = new Date('2026-05-20T12:00:00Z');
const CHANNELS = ['weibo', 'wechat', 'douyin', 'xiaohongshu', 'email', 'web'];
const context = (overrides: Partial<DetectionContext> = {}): DetectionContext => ({
  rules: DEFAULT_ALERT_RULES,
  slots: detectionSlots(AT, { windowMinutes: 10, days: 14, timeZone: 'Asia/Shanghai', historyStart: new Date('2026-01-01T00:00:00Z') }),
  factors: { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1 },
  baselineReady: true,
  ...overrides,
});
const tickets = (n: number, type = 'complaint'): WindowTicket[] =>
  Array.from({ length: n }, (_, i) => ({ ticketId: `tkt_${type}_${i}`, customerId: `cus_${i}`, channel: CHANNELS[i % CHANNELS.length]!, type, negative: i % 2 === 0, receivedAt: new Date(AT.getTime() - i * 1000) }));
const samples = (count: number) => Array.from({ length: 14 }, (_, i) => ({ index: i + 1, count }));
const topic = (n: number, usual: number): TopicWindow => ({ key: '小米手环8', label: '小米手环8', tickets: tickets(n), complaintSamples: samples(usual), customerSamples: samples(usual) });

describe('detectors', () => {
  it('grade by the worst level whose every condition holds', () => {
    const levels = { IV: 1, III: 2, II: 3, I: 4 };
    expect(gradeBy(levels, (t) => 2.5 >= t)).toBe('III');
    expect(gradeBy(levels, () => false)).toBeNull();
  });

  it('a new topic climbs IV → III → II → I with its count (8, 20, 40, 80 complaints in the window)', () => {
    expect(detectTopic(topic(5, 0), context())).toBeNull();
    expect(detectTopic(topic(10, 0), context())?.level).toBe('IV');
    expect(detectTopic(topic(25, 0), context())?.level).toBe('III');
    expect(detectTopic(topic(45, 0), context())?.level).toBe('II');
    expect(detectTopic(topic(90, 0), context())?.level).toBe('I');
  });

  it('a topic that is always this busy at this hour is not a crisis', () => {
    expect(detectTopic(topic(14, 10), context())).toBeNull();
    expect(detectTopic(topic(60, 10), context())?.level).toBeDefined();
  });

  it('never grades a higher count lower (levels are monotone in the count)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 150 }), fc.integer({ min: 0, max: 150 }), fc.integer({ min: 0, max: 20 }), (a, b, usual) => {
      const [low, high] = a <= b ? [a, b] : [b, a];
      const lowLevel = detectTopic(topic(low, usual), context())?.level;
      const highLevel = detectTopic(topic(high, usual), context())?.level;
      if (lowLevel) expect(severity(highLevel!)).toBeGreaterThanOrEqual(severity(lowLevel));
    }), { numRuns: 300 });
  });

  it('waits for enough history before comparing with a baseline, except for watch-list terms', () => {
    const young = context({ baselineReady: false });
    expect(detectTopic(topic(90, 0), young)).toBeNull();
    expect(detectSpread(topic(90, 0), young)).toBeNull();
    expect(detectTerm({ term: '爆炸', weight: 6, tickets: tickets(3), samples: [] }, young)?.level).toBe('IV');
  });

  it('weighs terms by their weight and by how far they are above their usual count', () => {
    expect(detectTermIn({ term: '媒体', weight: 2, tickets: tickets(7), samples: samples(1) })?.score).toBe(12);
    expect(detectTermIn({ term: '媒体', weight: 2, tickets: tickets(6), samples: samples(1) })?.level).toBeUndefined();
    expect(detectTermIn({ term: '爆炸', weight: 6, tickets: tickets(25), samples: samples(0) })?.level).toBe('I');
  });

  it('sees one subject spread over many customers and channels', () => {
    const spread = detectSpread(topic(45, 0), context());
    expect(spread).toMatchObject({ kind: 'spread', subjectKey: 'topic:小米手环8', customers: 45, level: 'II' });
    expect(spread!.channels.map((c) => c.channel).sort()).toEqual([...CHANNELS].sort());
    const oneChannel = { ...topic(45, 0), tickets: tickets(45).map((t) => ({ ...t, channel: 'weibo' })) };
    expect(detectSpread(oneChannel, context())).toBeNull();
  });

  it('compares all complaints and the negative share with their own baselines', () => {
    const overall = (complaints: number, usual: number, negatives = 40, messages = 100): OverallWindow => ({
      complaints,
      complaintSamples: samples(usual),
      messages,
      negatives,
      sentimentSamples: Array.from({ length: 14 }, (_, i) => ({ index: i + 1, messages: 100, negatives: 40 })),
      channels: [],
      sampleTicketIds: [],
    });
    expect(detectVolume(overall(20, 14), context())).toBeNull();
    expect(detectVolume(overall(60, 14), context())?.level).toBe('III');
    expect(detectSentiment(overall(20, 14), context())).toBeNull();
    expect(detectSentiment(overall(20, 14, 85, 100), context())).toMatchObject({ kind: 'sentiment', share: 0.85, baselineShare: 0.4, level: 'II' });
  });

  it('carries its evidence: the windows compared, oldest first, the current one last', () => {
    const d = detectTopic(topic(25, 1), context())!;
    expect(d.windows).toHaveLength(15);
    expect(d.windows.at(-1)).toMatchObject({ count: 25, end: AT });
    expect(d.windows.slice(0, -1).every((w) => w.count === 1)).toBe(true);
    expect(d.sampleTicketIds).toHaveLength(5);
    expect(d.baseline).toBe(1);
  });
});

function detectTermIn(input: Parameters<typeof detectTerm>[0]) {
  return detectTerm(input, context());
}
