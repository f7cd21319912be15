import { IANAZone } from 'luxon';
import { z } from 'zod';
import { csv, Timestamp } from '../../http/common.schemas.ts';
import { badRequest } from '../../http/problem.ts';
import type { Clock } from '../../shared/clock.ts';
import { BUCKET_UNITS, bucketsOf, MAX_BUCKETS, type Bucket, type BucketUnit } from './buckets.ts';
import { CHANNELS, PRIORITIES, TYPES } from './dimensions.ts';
import { periodOf, type Period } from './period.ts';

const ids = (what: string) =>
  z
    .string()
    .max(1_000)
    .regex(/^[A-Za-z0-9_-]+(,[A-Za-z0-9_-]+)*$/, `comma-separated ${what} ids, or none`)
    .transform((raw) => raw.split(','))
    .pipe(z.array(z.string().max(64)).max(50))
    .optional();

/** The parameters every report takes: the period, its zone and bucket, and the usual filters. */
export const ReportWindowQuery = z.object({
  from: Timestamp.optional().describe('Start of the period (inclusive); default 30 days before `to`'),
  to: Timestamp.optional().describe('End of the period (exclusive); default now'),
  timeZone: z
    .string()
    .max(64)
    .refine((zone) => IANAZone.isValidZone(zone), 'not a known IANA time zone (e.g. Asia/Shanghai, America/New_York)')
    .default('UTC')
    .describe('IANA zone the buckets are calendar units of (DST-correct: a local day may be 23 or 25 hours)'),
  bucket: z.enum(BUCKET_UNITS).default('day').describe(`Calendar unit of the series (ISO weeks start on Monday); at most ${MAX_BUCKETS} buckets`),
  type: csv(TYPES).optional().describe('Only these ticket types (comma-separated)'),
  channel: csv(CHANNELS).optional().describe('Only these channels (comma-separated)'),
  priority: csv(PRIORITIES).optional().describe('Only these priorities (comma-separated)'),
  teamId: ids('team').describe('Only these teams (comma-separated ids; `none`: no team)'),
  agentId: ids('agent').describe('Only the work of these agents (comma-separated ids; `none`: nobody)'),
});

export type ReportWindowInput = z.output<typeof ReportWindowQuery>;

export interface ReportFilters {
  type?: readonly string[] | undefined;
  channel?: readonly string[] | undefined;
  priority?: readonly string[] | undefined;
  teamId?: readonly string[] | undefined;
  agentId?: readonly string[] | undefined;
}

export interface ReportWindow extends Period {
  timeZone: string;
  bucket: BucketUnit;
  buckets: Bucket[];
  filters: ReportFilters;
}

/** The period (400 when empty or reversed) cut into buckets (400 when there are too many). */
export function reportWindow(query: ReportWindowInput, clock: Clock, defaultDays = 30): ReportWindow {
  const period = periodOf(query, clock, defaultDays);
  const buckets = bucketsOf(period, query.timeZone, query.bucket);
  if (buckets.length > MAX_BUCKETS) {
    throw badRequest('request.validation', `The period has more than ${MAX_BUCKETS} ${query.bucket} buckets: choose a shorter period or a longer bucket`, [
      { path: 'querystring.bucket', message: `more than ${MAX_BUCKETS} buckets in the period` },
    ]);
  }
  const { type, channel, priority, teamId, agentId } = query;
  return { ...period, timeZone: query.timeZone, bucket: query.bucket, buckets, filters: { type, channel, priority, teamId, agentId } };
}

/** What every report echoes of its window. */
export const windowEcho = (w: ReportWindow) => ({ from: w.from.toISOString(), to: w.to.toISOString(), timeZone: w.timeZone, bucket: w.bucket });

export const WindowEchoSchema = {
  from: Timestamp,
  to: Timestamp,
  timeZone: z.string(),
  bucket: z.enum(BUCKET_UNITS),
};

export const BucketSchema = {
  label: z.string().describe('The calendar unit in the zone: 2026-03-29, 2026-W13, 2026-03, or 2026-03-29T02:00+02:00 for an hour'),
  start: Timestamp.describe('First instant of the bucket (clipped to the period)'),
  end: Timestamp.describe('End of the bucket, exclusive (clipped to the period)'),
};

export const bucketEcho = (b: Bucket) => ({ label: b.label, start: b.start.toISOString(), end: b.end.toISOString() });
