import { addBusinessTime, ALWAYS_OPEN, businessTimeBetween as between, type CompiledCalendar } from '../../src/modules/calendars/business-time.ts';

/** Calendar time needs no calendar walk (most targets, and the generator's hot path). */
const businessTimeBetween = (a: Date, b: Date, clock: CompiledCalendar) => (clock === ALWAYS_OPEN ? Math.max(0, b.getTime() - a.getTime()) : between(a, b, clock));
const addTime = (start: Date, ms: number, clock: CompiledCalendar) => (clock === ALWAYS_OPEN ? new Date(start.getTime() + ms) : addBusinessTime(start, ms, clock));
import { seedId, type Random } from './random.ts';
import { documentLexemes } from '../../src/modules/search/search-tokens.ts';
import { agentText, CRISIS, customerText, followUpText, type Kind, type Lang } from './texts.ts';

/**
 * One generated ticket's whole life, as rows for COPY (text format, tab-separated, \N for null).
 * Pure apart from the PRNG: it decides times and outcomes the way a busy team's would go (replies
 * by priority, agent speed and the hour, pending customers, follow-ups, reopens, late replies that
 * breach, surveys and ratings that follow the service), then keeps only what happened before `now`.
 */

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface Agent {
  id: string;
  teamId: string;
  /** multiplies reply and resolution times: < 1 is fast */
  speed: number;
}

export interface Team {
  id: string;
  agents: Agent[];
}

export interface TargetSpec {
  metric: 'first_response' | 'next_response' | 'resolution';
  withinMs: number;
  clock: CompiledCalendar;
  calendarId: string | null;
  policyId: string;
}

export interface PolicySpec {
  id: string;
  targets: TargetSpec[];
}

export interface World {
  now: number;
  random: Random;
  teams: Team[];
  /** picks the policy a ticket gets (the service's first match) */
  policyFor(ticket: { type: Kind; priority: string; channel: string }): PolicySpec | undefined;
  customers: string[];
}

export interface Rows {
  tickets: string[];
  messages: string[];
  targets: string[];
  events: string[];
  surveys: string[];
  corrections: string[];
  due: string[];
}

export const emptyRows = (): Rows => ({ tickets: [], messages: [], targets: [], events: [], surveys: [], corrections: [], due: [] });

const SPECIAL = /[\\\t\n\r]/;
const esc = (v: string) => (SPECIAL.test(v) ? v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : v);
const cell = (v: string | number | boolean | null | undefined): string =>
  v === null || v === undefined ? '\\N' : typeof v === 'string' ? esc(v) : typeof v === 'boolean' ? (v ? 't' : 'f') : String(v);
const line = (...values: (string | number | boolean | null | undefined)[]) => values.map(cell).join('\t');
const iso = (t: number) => new Date(t).toISOString();

/**
 * The search vector of a text as tsvector input (what the service stores with array_to_tsvector):
 * lexemes are letters, digits and Han only, so quoting needs no escapes. Texts repeat (templates),
 * so the vectors are remembered.
 */
const vectors = new Map<string, string>();
function searchVector(text: string): string {
  let vector = vectors.get(text);
  if (vector === undefined) {
    vector = documentLexemes(text).map((lexeme) => `'${lexeme}'`).join(' ');
    if (vectors.size < 50_000) vectors.set(text, vector);
  }
  return vector;
}

/** Half the openings quote an order number: what a one-ticket lookup searches for. */
function withOrderNumber(body: string, lang: Lang, random: Random): string {
  if (!random.chance(0.5)) return body;
  const order = String(1e11 + random.int(9e11));
  return lang === 'en' || lang === 'other' ? `${body} (order ${order})` : `${body} 订单号 ${order}`;
}

const SOCIAL = ['weibo', 'douyin', 'kuaishou', 'xiaohongshu'];
const CHANNEL_WEIGHTS = { weibo: 22, wechat: 25, douyin: 12, kuaishou: 5, xiaohongshu: 8, email: 10, phone: 8, web: 6, chat: 4 } as const;
const PRIORITY_BY_TYPE: Record<Kind, Record<string, number>> = {
  question: { low: 25, normal: 65, high: 9, urgent: 1 },
  complaint: { low: 5, normal: 45, high: 38, urgent: 12 },
  suggestion: { low: 55, normal: 42, high: 3, urgent: 0 },
};
const FR_MEDIAN: Record<string, number> = { urgent: 12 * MIN, high: 25 * MIN, normal: 45 * MIN, low: 90 * MIN };
const RES_MEDIAN: Record<Kind, number> = { question: 5 * HOUR, complaint: 10 * HOUR, suggestion: 20 * HOUR };
const OTHER_TYPES: Record<Kind, Kind[]> = { question: ['complaint', 'suggestion'], complaint: ['question', 'suggestion'], suggestion: ['question', 'complaint'] };

/** Local hour in China (UTC+8, no DST): nights are slower. */
const localHour = (t: number) => (new Date(t).getUTCHours() + 8) % 24;

function teamIndexFor(channel: string, lang: Lang, kind: Kind, priority: string, at: number, random: Random, teams: number): number {
  if (lang === 'en' && random.chance(0.8)) return 6 % teams;
  if (localHour(at) < 8 && random.chance(0.5)) return 7 % teams;
  if (kind === 'complaint' && (priority === 'high' || priority === 'urgent') && random.chance(0.5)) return 5 % teams;
  if (SOCIAL.includes(channel)) return random.int(2) % teams;
  if (channel === 'wechat' || channel === 'chat') return 2 % teams;
  if (channel === 'phone') return 3 % teams;
  return 4 % teams;
}

interface Clocked {
  spec: TargetSpec;
  cycle: number;
  start: number;
  /** when the reply or solve ends it (undefined: never, by now) */
  end?: number;
  /** calendar time paused within it (pending), for the deadline and the elapsed time */
  pauses: [number, number][];
}

export interface TicketDraft {
  created: number;
  crisis?: boolean;
}

/** Appends the rows of one ticket to `out`. */
export function generateTicket(world: World, draft: TicketDraft, out: Rows): void {
  const { random, now } = world;
  const created = draft.created;
  const pick = (n: number) => random.int(n);
  const channel = draft.crisis ? (random.chance(0.6) ? 'weibo' : 'douyin') : random.weighted(CHANNEL_WEIGHTS);
  const lang: Lang = draft.crisis
    ? 'zh-Hans'
    : channel === 'email' || channel === 'web'
      ? random.weighted({ 'zh-Hans': 60, en: 30, 'zh-Hant': 5, mixed: 4, other: 1 })
      : random.weighted({ 'zh-Hans': 82, 'zh-Hant': 7, en: 5, mixed: 4, other: 2 });
  const modelType: Kind = draft.crisis ? 'complaint' : random.weighted({ question: 58, complaint: 30, suggestion: 12 });
  const corrected = !draft.crisis && random.chance(0.04);
  const kind: Kind = corrected ? OTHER_TYPES[modelType][pick(2)]! : modelType;
  const priority = draft.crisis ? random.weighted({ high: 60, urgent: 40 }) : random.weighted(PRIORITY_BY_TYPE[kind]);
  const team = world.teams[teamIndexFor(channel, lang, kind, priority, created, random, world.teams.length)]!;
  const assignee = team.agents[pick(team.agents.length)]!;
  const customerId = world.customers[pick(world.customers.length)]!;
  const ticketId = seedId('tkt', created, random);
  const opening = draft.crisis ? { body: CRISIS.bodies[pick(CRISIS.bodies.length)]!, answer: CRISIS.answer } : customerText(lang, modelType, pick);
  const body = withOrderNumber(opening.body, lang, random);
  const night = localHour(created) < 8 ? 2.5 : 1;
  const policy = world.policyFor({ type: kind, priority, channel });
  const office = policy?.targets.find((t) => t.calendarId)?.clock;
  const stale = random.chance(0.004); // waits forever: the old end of the backlog

  // --- what happens, in time order (before cutting at now)
  const messages: { at: number; author: 'customer' | 'agent'; agentId: string | null; body: string }[] = [{ at: created, author: 'customer', agentId: null, body }];
  const statuses: { at: number; from: string; to: string; actor: 'agent' | 'customer' | 'system'; actorId: string | null; cause?: string }[] = [];
  const replyDelay = (median: number) => {
    const wait = random.logNormal(median * assignee.speed * night, 0.9);
    return office ? Math.max(wait, addTime(new Date(created), 0, office).getTime() - created + random.logNormal(20 * MIN, 0.7)) : wait;
  };
  const replier = () => (random.chance(0.9) ? assignee : team.agents[pick(team.agents.length)]!);

  const firstReply = stale && random.chance(0.5) ? Infinity : created + replyDelay(FR_MEDIAN[priority]!);
  const firstSpec = policy?.targets.find((t) => t.metric === 'first_response');
  const responses: Clocked[] = firstSpec ? [{ spec: firstSpec, cycle: 1, start: created, end: firstReply, pauses: [] }] : [];
  let last = firstReply;
  let solveAt = Infinity;
  const pauses: [number, number][] = [];
  if (firstReply !== Infinity) {
    const who = replier();
    // The first reply answers the topic (what a suggested answer offers later); others acknowledge.
    messages.push({ at: firstReply, author: 'agent', agentId: who.id, body: opening.answer });
    statuses.push({ at: firstReply, from: 'new', to: 'open', actor: 'agent', actorId: who.id, cause: 'message.created' });
    let status = 'open';
    const nextSpec = policy?.targets.find((t) => t.metric === 'next_response');
    const followUps = random.chance(0.15) ? 1 : random.chance(0.3) ? 1 + pick(2) : 0;
    for (let i = 0; i < followUps; i++) {
      if (i === 0 && random.chance(0.4)) {
        // waiting on the customer: pending until they write back
        const pendAt = last + MIN;
        statuses.push({ at: pendAt, from: status, to: 'pending', actor: 'agent', actorId: assignee.id });
        const back = pendAt + random.logNormal(3 * HOUR, 1);
        pauses.push([pendAt, back]);
        messages.push({ at: back, author: 'customer', agentId: null, body: followUpText(lang, pick) });
        statuses.push({ at: back, from: 'pending', to: 'open', actor: 'customer', actorId: customerId, cause: 'message.created' });
        last = back;
      } else {
        last += random.logNormal(2 * HOUR, 1);
        messages.push({ at: last, author: 'customer', agentId: null, body: followUpText(lang, pick) });
      }
      status = 'open';
      const answer = stale ? Infinity : last + replyDelay(40 * MIN);
      if (nextSpec) responses.push({ spec: nextSpec, cycle: responses.filter((r) => r.spec.metric === 'next_response').length + 1, start: last, end: answer, pauses: [] });
      if (answer === Infinity) break;
      messages.push({ at: answer, author: 'agent', agentId: replier().id, body: agentText(lang, pick) });
      last = answer;
    }
    if (!stale) {
      solveAt = Math.max(last + 5 * MIN, created + random.logNormal(RES_MEDIAN[kind] * assignee.speed, 1.1));
      statuses.push({ at: solveAt, from: 'open', to: 'solved', actor: 'agent', actorId: assignee.id });
    }
  }
  let finalSolve = solveAt;
  if (solveAt !== Infinity && random.chance(0.07)) {
    const back = solveAt + random.logNormal(8 * HOUR, 1.2);
    messages.push({ at: back, author: 'customer', agentId: null, body: followUpText(lang, pick) });
    statuses.push({ at: back, from: 'solved', to: 'open', actor: 'customer', actorId: customerId, cause: 'message.created' });
    pauses.push([solveAt, back]);
    const reply = back + replyDelay(40 * MIN);
    messages.push({ at: reply, author: 'agent', agentId: replier().id, body: agentText(lang, pick) });
    finalSolve = reply + random.logNormal(2 * HOUR, 1);
    statuses.push({ at: finalSolve, from: 'open', to: 'solved', actor: 'agent', actorId: assignee.id });
  }
  const closeAt = finalSolve + 3 * DAY;
  if (finalSolve !== Infinity) statuses.push({ at: closeAt, from: 'solved', to: 'closed', actor: 'system', actorId: null });
  const resolutionSpec = policy?.targets.find((t) => t.metric === 'resolution');
  if (resolutionSpec) responses.push({ spec: resolutionSpec, cycle: 1, start: created, end: finalSolve, pauses });
  if (corrected && firstReply !== Infinity) {
    const at = firstReply + 2 * MIN;
    if (at <= now) {
      out.corrections.push(line(seedId('cor', at, random), ticketId, modelType, 'seed-history', 0.55, modelType, kind, 'agent', assignee.id, iso(at)));
      out.events.push(line(seedId('evt', at, random), 'ticket.updated', ticketId, 'agent', assignee.id, JSON.stringify({ changes: { type: { from: modelType, to: kind } } }), iso(at)));
    }
  }

  // --- cut at now
  const happened = statuses.filter((s) => s.at <= now);
  const status = happened.length ? happened[happened.length - 1]!.to : 'new';
  const solvedAt = [...happened].reverse().find((s) => s.to === 'solved')?.at ?? null;
  const closedAt = status === 'closed' ? closeAt : null;
  const updated = Math.max(created, ...happened.map((s) => s.at), ...messages.filter((m) => m.at <= now).map((m) => m.at));
  const classification = {
    type: modelType,
    confidence: corrected ? 0.55 : 0.9,
    scores: { question: modelType === 'question' ? 0.9 : 0.05, complaint: modelType === 'complaint' ? 0.9 : 0.05, suggestion: modelType === 'suggestion' ? 0.9 : 0.05 },
    language: lang,
    sentiment: modelType === 'complaint' ? { label: 'negative', score: -0.6 } : { label: 'neutral', score: 0 },
    modelVersion: 'seed-history',
    needsReview: corrected,
    signals: [],
  };
  const subject = body.slice(0, 40);
  out.tickets.push(
    line(ticketId, subject, searchVector(subject), status, kind, priority, channel, customerId, assignee.id, team.id, '{}', JSON.stringify(classification), `th-${ticketId}`, iso(created), iso(updated), solvedAt === null ? null : iso(solvedAt), closedAt === null ? null : iso(closedAt), happened.length + 1),
  );
  for (const m of messages) {
    if (m.at > now) continue;
    const fromCustomer = m.author === 'customer';
    out.messages.push(line(seedId('msg', m.at, random), ticketId, m.author, 'public', m.body, searchVector(m.body), m.agentId, fromCustomer ? customerId : null, fromCustomer ? channel : null, fromCustomer ? `ext-${ticketId}-${m.at}` : null, fromCustomer ? iso(m.at) : null, iso(m.at)));
  }
  for (const s of happened) {
    const data: Record<string, unknown> = { changes: { status: { from: s.from, to: s.to } } };
    if (s.cause) data.cause = s.cause;
    out.events.push(line(seedId('evt', s.at, random), 'ticket.updated', ticketId, s.actor, s.actorId, JSON.stringify(data), iso(s.at)));
  }

  // --- SLA targets: achieved, breached (late or never answered), or still running
  let worstBreached = false;
  let nextDue: number | null = null;
  for (const r of responses) {
    const { spec } = r;
    const clock = spec.clock;
    const paused = r.pauses.reduce((sum, [a, b]) => sum + (b <= now ? businessTimeBetween(new Date(a), new Date(b), clock) : 0), 0);
    const due = addTime(new Date(r.start), spec.withinMs + paused, clock).getTime();
    const done = r.end !== undefined && r.end !== Infinity && r.end <= now;
    const elapsed = done ? Math.max(0, businessTimeBetween(new Date(r.start), new Date(r.end!), clock) - paused) : null;
    const late = done ? elapsed! > spec.withinMs : due <= now;
    const targetId = seedId('sla', r.start, random);
    const statusOf = done ? (late ? 'breached' : 'achieved') : late ? 'breached' : status === 'pending' || status === 'on_hold' ? 'paused' : 'active';
    if (late) worstBreached = true;
    if (!done && !late && status !== 'solved' && status !== 'closed') nextDue = nextDue === null ? due : Math.min(nextDue, due);
    if (r.start > now) continue;
    out.targets.push(
      line(targetId, ticketId, spec.policyId, spec.metric, r.cycle, statusOf, iso(r.start), spec.withinMs, spec.calendarId ? true : false, spec.calendarId, paused, iso(due), late ? iso(due) : null, done && !late ? iso(r.end!) : null, done ? iso(r.end!) : null, elapsed, iso(r.start), iso(Math.min(now, Math.max(r.start, done ? r.end! : r.start)))),
    );
    if (late) {
      out.events.push(line(seedId('evt', due, random), 'sla.breached', ticketId, 'system', null, JSON.stringify({ targetId, metric: spec.metric, cycle: r.cycle, dueAt: iso(due), policyId: spec.policyId }), iso(due)));
    }
  }
  if (nextDue !== null) out.due.push(line(ticketId, iso(nextDue)));

  // --- satisfaction: a sample of solved tickets, answered by some, rated by how it went
  if (finalSolve !== Infinity && finalSolve + HOUR <= now && random.chance(0.4)) {
    const sentAt = finalSolve + HOUR;
    const answered = random.chance(0.45) && sentAt + 2 * HOUR <= now;
    const slow = finalSolve - created > 2 * RES_MEDIAN[kind];
    const rating = answered
      ? Number(random.weighted(worstBreached || slow ? { 1: 18, 2: 17, 3: 25, 4: 25, 5: 15 } : { 1: 3, 2: 4, 3: 10, 4: 33, 5: 50 }))
      : null;
    const answeredAt = answered ? sentAt + random.logNormal(2 * HOUR, 1) : null;
    const expired = !answered && sentAt + 28 * DAY <= now;
    out.surveys.push(
      line(seedId('srv', finalSolve, random), ticketId, customerId, answered ? 'answered' : expired ? 'expired' : 'sent', lang.startsWith('zh') ? lang : 'en', iso(sentAt), iso(sentAt), iso(sentAt + 28 * DAY), rating, rating !== null && rating <= 2 ? '处理太慢了' : null, '{}', answeredAt === null ? null : iso(Math.min(answeredAt, now)), kind, channel, assignee.id, team.id, worstBreached ? 'breached' : 'met', iso(finalSolve), iso(answeredAt === null ? sentAt : Math.min(answeredAt, now))),
    );
  }
}

