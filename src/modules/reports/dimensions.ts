import { CHANNELS, TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from '../tickets/tickets.table.ts';
import { LanguageSchema } from '../classification/classification.schemas.ts';

/**
 * The small codes report facts are stored with (a smallint instead of a word on every one of
 * millions of rows). Code 0 is "none" (an unclassified ticket, a language the model did not give);
 * the word of code i is `VALUES[i - 1]`. Appending a value is safe; reordering is not.
 */
export const TYPES = TICKET_TYPES;
export const PRIORITIES = TICKET_PRIORITIES;
export const LANGUAGES = LanguageSchema.options;
export { CHANNELS };
export const OPEN_STATUSES = ['new', 'open', 'pending', 'on_hold'] as const satisfies readonly (typeof TICKET_STATUSES)[number][];

/** What happened, one fact per occurrence (see facts.sql.ts for each one's columns). */
export const FACT_KINDS = {
  created: 1,
  solved: 2,
  reopened: 3,
  reply: 4,
  first_response: 5,
  next_response: 6,
  resolution: 7,
  survey: 8,
  correction: 9,
} as const;
export type FactKind = keyof typeof FACT_KINDS;
export const SLA_KINDS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaMetric = (typeof SLA_KINDS)[number];

/** `outcome` of an SLA fact. */
export const SLA_OUTCOMES = ['achieved', 'breached', 'running'] as const;
/** `detail` of a survey fact: the ticket's SLA outcome when it was solved (copied by CSAT). */
export const SURVEY_SLA = ['met', 'breached', 'none'] as const;

/** The filterable and groupable ticket dimensions, with their code lists (agents and teams are keys). */
export const ENUM_DIMENSIONS = { type: TYPES, channel: CHANNELS, priority: PRIORITIES, language: LANGUAGES } as const;
export type EnumDimension = keyof typeof ENUM_DIMENSIONS;

export const codeOf = (values: readonly string[], value: string | null | undefined): number => (value ? values.indexOf(value) + 1 : 0);
export const valueOf = (values: readonly string[], code: number): string | null => (code > 0 ? (values[code - 1] ?? null) : null);

/**
 * The dimensions rollups keep, with their `dim` code: 1–6 one at a time (per UTC day and month),
 * 7–21 two at a time (per UTC month only: per day they would be nearly as many rows as facts),
 * `value` the pair packed as first · 65536 + second. Packing fits an int while keys stay under
 * PAIR_KEY_LIMIT; a larger key packs as -1 and the reports then read pairs from the facts.
 */
export const ROLLUP_DIMS = ['type', 'channel', 'priority', 'language', 'team', 'agent'] as const;
export type RollupDim = (typeof ROLLUP_DIMS)[number];
export const ROLLUP_PAIRS: readonly (readonly [RollupDim, RollupDim])[] = ROLLUP_DIMS.flatMap((a, i) => ROLLUP_DIMS.slice(i + 1).map((b) => [a, b] as const));
export const PAIR_SHIFT = 65_536;
export const PAIR_KEY_LIMIT = 32_768;
const rank = (d: RollupDim) => ROLLUP_DIMS.indexOf(d);
/** The pair in rollup order (the order its value packs them in). */
export const pairOf = (a: RollupDim, b: RollupDim): readonly [RollupDim, RollupDim] => (rank(a) < rank(b) ? [a, b] : [b, a]);
export const dimCode = (dims: readonly RollupDim[]): number => {
  if (dims.length === 0) return 0;
  if (dims.length === 1) return rank(dims[0]!) + 1;
  const [a, b] = pairOf(dims[0]!, dims[1]!);
  return 1 + ROLLUP_DIMS.length + ROLLUP_PAIRS.findIndex(([x, y]) => x === a && y === b);
};

/**
 * The rollups' grains (`grain`, `slot` the start in UTC): each dimension alone per UTC hour,
 * day and month (hours without agent and team: an agent's or a team's hours would be nearly a
 * row per fact, and their facts are a small share read through their own indexes), each pair
 * per UTC month, and DAILY_PAIRS per UTC day.
 */
export const GRAINS = { hour: 0, day: 1, month: 2 } as const;
export type Grain = keyof typeof GRAINS;
export const HOURLY_DIMS: readonly RollupDim[] = ['type', 'channel', 'priority', 'language'];
/**
 * The pairs kept per UTC day as well: an agent's or a team's work on one type of ticket (the
 * reward scheme's complaints). Without them an agents report filtered by type read a month of
 * facts per call; each more pair per day costs about as many rows as the pair has days of facts
 * (agent and type: 670,000 a year at 1M tickets), so the others stay monthly.
 */
export const DAILY_PAIRS: readonly (readonly [RollupDim, RollupDim])[] = [['type', 'team'], ['type', 'agent']];
const isDailyPair = (dims: readonly RollupDim[]) => DAILY_PAIRS.some(([a, b]) => a === dims[0] && b === dims[1]);
/** Whether `grain` keeps the rollup of `dims` (none, one, or a pair in rollup order). */
export const grainKeeps = (grain: Grain, dims: readonly RollupDim[]): boolean =>
  dims.length === 0 ||
  (dims.length === 1 ? grain !== 'hour' || HOURLY_DIMS.includes(dims[0]!) : dims.length === 2 && (grain === 'month' || (grain === 'day' && isDailyPair(dims))));
