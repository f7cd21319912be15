import type { AlertRules } from './alert-rules.schemas.ts';
import { baselineOf, proportionZ, ratioOf, rescale, robustZ, type WeekdayFactors } from './baseline.ts';
import { LEVELS, type AlertKind, type Level } from './levels.ts';
import type { Slot } from './windows.ts';

/** One ticket seen in the current window (for a topic or a term). */
export interface WindowTicket {
  ticketId: string;
  customerId: string | null;
  channel: string;
  type: string | null;
  negative: boolean;
  receivedAt: Date;
}

/** A count in one baseline slot (`index` days before). */
export interface SlotCount {
  index: number;
  count: number;
}

export interface OverallWindow {
  /** Distinct complaint tickets with a customer message in the window. */
  complaints: number;
  complaintSamples: SlotCount[];
  messages: number;
  negatives: number;
  sentimentSamples: { index: number; messages: number; negatives: number }[];
  channels: { channel: string; tickets: number }[];
  sampleTicketIds: string[];
}

export interface TopicWindow {
  key: string;
  label: string;
  tickets: WindowTicket[];
  /** Complaint tickets mentioning it first in each baseline slot. */
  complaintSamples: SlotCount[];
  /** Distinct customers mentioning it (any type) in each baseline slot. */
  customerSamples: SlotCount[];
}

export interface TermWindow {
  term: string;
  weight: number;
  tickets: WindowTicket[];
  samples: SlotCount[];
}

export interface DetectionContext {
  rules: AlertRules;
  /** Index 0 is the current window. */
  slots: Slot[];
  factors: WeekdayFactors;
  /** Enough history for baselines (minHistoryDays of samples): volume, topic, sentiment and spread wait for it. */
  baselineReady: boolean;
}

export interface Detection {
  kind: AlertKind;
  /** What alerts are matched on: `topic:<key>` (topic and spread alike), `term:<term>`, `volume`, `sentiment`. */
  subjectKey: string;
  subject: string;
  level: Level;
  count: number;
  baseline: number;
  zScore: number | null;
  ratio: number | null;
  score: number | null;
  share: number | null;
  baselineShare: number | null;
  customers: number | null;
  channels: { channel: string; tickets: number }[];
  sampleTicketIds: string[];
  /** The current window's count and each baseline sample's, oldest first. */
  windows: { start: Date; end: Date; count: number }[];
  ticketIds: string[];
  complaintTicketIds: string[];
  negativeTicketIds: string[];
}

/** The worst level whose every condition holds, or null. */
export function gradeBy<T>(levels: Record<Level, T>, holds: (threshold: T) => boolean): Level | null {
  for (let i = LEVELS.length - 1; i >= 0; i--) if (holds(levels[LEVELS[i]!])) return LEVELS[i]!;
  return null;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

function baselineFor(samples: SlotCount[], context: DetectionContext) {
  const today = context.slots[0]!.weekday;
  const weekdayOf = new Map(context.slots.map((s) => [s.index, s.weekday]));
  const rescaled = rescale(samples.map((s) => ({ count: s.count, factor: context.factors[weekdayOf.get(s.index) ?? today] ?? 1 })), context.factors[today] ?? 1);
  return baselineOf(rescaled);
}

/** Every baseline slot gets a count (0 where none was returned). */
function fill(samples: SlotCount[], context: DetectionContext): SlotCount[] {
  const byIndex = new Map(samples.map((s) => [s.index, s.count]));
  return context.slots.filter((s) => s.index > 0).map((s) => ({ index: s.index, count: byIndex.get(s.index) ?? 0 }));
}

function windows(current: number, samples: SlotCount[], context: DetectionContext) {
  const count = new Map(samples.map((s) => [s.index, s.count]));
  return [...context.slots]
    .sort((a, b) => a.start.getTime() - b.start.getTime())
    .map((s) => ({ start: s.start, end: s.end, count: s.index === 0 ? current : (count.get(s.index) ?? 0) }));
}

function describeTickets(tickets: WindowTicket[]) {
  const distinct = new Map<string, WindowTicket>();
  for (const t of tickets) if (!distinct.has(t.ticketId)) distinct.set(t.ticketId, t);
  const list = [...distinct.values()];
  const channels = new Map<string, number>();
  for (const t of list) channels.set(t.channel, (channels.get(t.channel) ?? 0) + 1);
  return {
    list,
    customers: new Set(list.map((t) => t.customerId ?? t.ticketId)).size,
    channels: [...channels].map(([channel, n]) => ({ channel, tickets: n })).sort((a, b) => b.tickets - a.tickets || a.channel.localeCompare(b.channel)),
    sampleTicketIds: [...list].sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime() || b.ticketId.localeCompare(a.ticketId)).slice(0, 5).map((t) => t.ticketId),
    ticketIds: list.map((t) => t.ticketId),
    complaintTicketIds: list.filter((t) => t.type === 'complaint').map((t) => t.ticketId),
    negativeTicketIds: list.filter((t) => t.negative).map((t) => t.ticketId),
  };
}

/** Complaints about one topic against that topic's own baseline. */
export function detectTopic(topic: TopicWindow, context: DetectionContext): Detection | null {
  const rules = context.rules.topic;
  if (!rules.enabled || !context.baselineReady) return null;
  const described = describeTickets(topic.tickets);
  const count = described.complaintTicketIds.length;
  const samples = fill(topic.complaintSamples, context);
  const baseline = baselineFor(samples, context);
  const z = robustZ(count, baseline);
  const ratio = ratioOf(count, baseline.expected);
  const level = gradeBy(rules.levels, (t) => count >= t.minCount && z >= t.minZ && ratio >= t.minRatio);
  if (!level) return null;
  return {
    kind: 'topic', subjectKey: `topic:${topic.key}`, subject: topic.label, level, count, baseline: round(baseline.expected), zScore: round(z), ratio: round(ratio),
    score: null, share: null, baselineShare: null, customers: described.customers, channels: described.channels, sampleTicketIds: described.sampleTicketIds,
    windows: windows(count, samples, context), ticketIds: described.complaintTicketIds, complaintTicketIds: described.complaintTicketIds, negativeTicketIds: described.negativeTicketIds,
  };
}

/** One topic (any type) across many customers and channels, against its usual number of customers. */
export function detectSpread(topic: TopicWindow, context: DetectionContext): Detection | null {
  const rules = context.rules.spread;
  if (!rules.enabled || !context.baselineReady) return null;
  const described = describeTickets(topic.tickets);
  const samples = fill(topic.customerSamples, context);
  const baseline = baselineFor(samples, context);
  const ratio = ratioOf(described.customers, baseline.expected);
  const z = robustZ(described.customers, baseline);
  const channels = described.channels.length;
  const level = gradeBy(rules.levels, (t) => described.customers >= t.minCustomers && channels >= t.minChannels && z >= t.minZ && ratio >= t.minRatio);
  if (!level) return null;
  return {
    kind: 'spread', subjectKey: `topic:${topic.key}`, subject: topic.label, level, count: described.customers, baseline: round(baseline.expected), zScore: round(z), ratio: round(ratio),
    score: null, share: null, baselineShare: null, customers: described.customers, channels: described.channels, sampleTicketIds: described.sampleTicketIds,
    windows: windows(described.customers, samples, context), ...pickIds(described),
  };
}

const pickIds = (d: ReturnType<typeof describeTickets>) => ({ ticketIds: d.ticketIds, complaintTicketIds: d.complaintTicketIds, negativeTicketIds: d.negativeTicketIds });

/** A watch-list term: its weight × the tickets mentioning it above its usual number at this hour. */
export function detectTerm(term: TermWindow, context: DetectionContext): Detection | null {
  const rules = context.rules.term;
  if (!rules.enabled) return null;
  const described = describeTickets(term.tickets);
  const count = described.list.length;
  const samples = fill(term.samples, context);
  const expected = baselineFor(samples, context).expected;
  const score = term.weight * Math.max(0, count - expected);
  const level = gradeBy(rules.levels, (t) => score >= t.minScore);
  if (!level) return null;
  return {
    kind: 'term', subjectKey: `term:${term.term.toLowerCase()}`, subject: term.term, level, count, baseline: round(expected), zScore: null, ratio: round(ratioOf(count, expected)),
    score: round(score), share: null, baselineShare: null, customers: described.customers, channels: described.channels, sampleTicketIds: described.sampleTicketIds,
    windows: windows(count, samples, context), ...pickIds(described),
  };
}

/** All complaints against their baseline. */
export function detectVolume(overall: OverallWindow, context: DetectionContext): Detection | null {
  const rules = context.rules.volume;
  if (!rules.enabled || !context.baselineReady) return null;
  const count = overall.complaints;
  const samples = fill(overall.complaintSamples, context);
  const baseline = baselineFor(samples, context);
  const z = robustZ(count, baseline);
  const ratio = ratioOf(count, baseline.expected);
  const level = gradeBy(rules.levels, (t) => count >= t.minCount && z >= t.minZ && ratio >= t.minRatio);
  if (!level) return null;
  return {
    kind: 'volume', subjectKey: 'volume', subject: '全部投诉 all complaints', level, count, baseline: round(baseline.expected), zScore: round(z), ratio: round(ratio),
    score: null, share: null, baselineShare: null, customers: null, channels: overall.channels, sampleTicketIds: overall.sampleTicketIds,
    windows: windows(count, samples, context), ticketIds: [], complaintTicketIds: [], negativeTicketIds: [],
  };
}

/** The share of negative customer messages against the share usual at this hour. */
export function detectSentiment(overall: OverallWindow, context: DetectionContext): Detection | null {
  const rules = context.rules.sentiment;
  if (!rules.enabled || !context.baselineReady || overall.messages === 0) return null;
  const past = overall.sentimentSamples.reduce((sum, s) => ({ messages: sum.messages + s.messages, negatives: sum.negatives + s.negatives }), { messages: 0, negatives: 0 });
  if (past.messages < 30) return null; // too little history at this hour to know what is usual
  const p0 = past.negatives / past.messages;
  const share = overall.negatives / overall.messages;
  const z = proportionZ(overall.negatives, overall.messages, p0);
  const level = gradeBy(rules.levels, (t) => overall.messages >= t.minMessages && share >= t.minShare && share - p0 >= t.minLift && z >= t.minZ);
  if (!level) return null;
  const negativeCounts = overall.sentimentSamples.map((s) => ({ index: s.index, count: s.negatives }));
  return {
    kind: 'sentiment', subjectKey: 'sentiment', subject: '负面情绪 negative sentiment', level, count: overall.negatives, baseline: round(p0 * overall.messages), zScore: round(z),
    ratio: round(ratioOf(overall.negatives, p0 * overall.messages)), score: null, share: round(share, 3), baselineShare: round(p0, 3), customers: null,
    channels: overall.channels, sampleTicketIds: overall.sampleTicketIds, windows: windows(overall.negatives, fill(negativeCounts, context), context),
    ticketIds: [], complaintTicketIds: [], negativeTicketIds: [],
  };
}
