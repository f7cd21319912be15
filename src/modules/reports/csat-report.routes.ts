import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import type { CsatReportQueries } from './csat-report.queries.ts';
import { Timestamp } from '../../http/common.schemas.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { decodePositionCursor, pageOf, PageQuerySchema, toPage } from '../../http/pagination.ts';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { periodOf } from './period.ts';
import { BUCKET_UNITS, type BucketUnit } from './buckets.ts';
import { countFacts, type CountColumn, type CountRow } from './counts.queries.ts';
import { SURVEY_SLA, valueOf } from './dimensions.ts';
import { resolveFilters } from './fact-filters.ts';
import { peopleOf, wordOf, type Person } from './names.ts';
import { BucketSchema, bucketEcho, reportWindow, ReportWindowQuery, WindowEchoSchema } from './report-params.ts';
import { answer, REPORT_CONFIG, reportResponses } from './report-response.ts';

const Stats = z.object({
  sent: z.number().int(),
  answered: z.number().int(),
  responseRate: z.number().nullable().describe('answered / sent'),
  csatScore: z.number().nullable().describe('Share of ratings that are 4 or 5'),
  average: z.number().nullable(),
  ratings: z.object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int(), 4: z.number().int(), 5: z.number().int() }),
});

const CsatReportSchema = z
  .object({
    ...WindowEchoSchema,
    groupBy: z.string(),
    total: Stats,
    groups: z.array(Stats.extend({ group: z.string() })),
    trend: z.array(Stats.extend({ period: z.string().describe('Local date the day, ISO week or month starts (YYYY-MM-DD); local time for an hour'), ...BucketSchema })).describe('Buckets with surveys sent'),
  })
  .meta({ id: 'CsatReport' });

const CommentSchema = z
  .object({
    surveyId: z.string(),
    ticketId: z.string(),
    rating: z.number().int(),
    comment: z.string(),
    reasons: z.array(z.string()),
    agentId: z.string().nullable(),
    teamId: z.string().nullable(),
    ticketType: z.string().nullable(),
    channel: z.string(),
    slaOutcome: z.string(),
    answeredAt: Timestamp,
  })
  .meta({ id: 'CsatComment' });

/** Surveys sent, and answers by rating (index 0: unanswered). */
type Tally = number[];
const emptyTally = (): Tally => [0, 0, 0, 0, 0, 0];
const tally = (t: Tally, row: CountRow) => {
  if (row.outcome >= 0 && row.outcome <= 5) t[row.outcome]! += row.n;
};

function stats(t: Tally) {
  const [unanswered, r1, r2, r3, r4, r5] = t as [number, number, number, number, number, number];
  const answered = r1 + r2 + r3 + r4 + r5;
  const sent = unanswered + answered;
  const sum = r1 + 2 * r2 + 3 * r3 + 4 * r4 + 5 * r5;
  return {
    sent,
    answered,
    responseRate: sent ? answered / sent : null,
    csatScore: answered ? (r4 + r5) / answered : null,
    average: answered ? Math.round((sum / answered) * 100) / 100 : null,
    ratings: { 1: r1, 2: r2, 3: r3, 4: r4, 5: r5 },
  };
}

const GROUP_COLUMN = { none: null, agent: 'agent', team: 'team', type: 'type', channel: 'channel', sla: 'detail' } as const;

/** The trend's `period` as it always was: the local date the unit starts (a local time for hours). */
function periodLabel(start: Date, zone: string, unit: BucketUnit): string {
  const local = DateTime.fromJSDate(start, { zone }).startOf(unit);
  return unit === 'hour' ? local.toISO({ suppressMilliseconds: true })! : local.toISODate()!;
}

export const csatReportRoutes: FastifyPluginAsyncZod<{ db: Database; queries: CsatReportQueries; clock: Clock }> = async (app, { db, queries, clock }) => {
  app.get(
    '/v1/reports/csat',
    {
      config: REPORT_CONFIG,
      schema: {
        tags: ['reports'],
        operationId: 'getCsatReport',
        summary: 'Satisfaction: response rate, CSAT score (share of 4–5), average, by agent, team, type, channel or SLA outcome, with a trend',
        description: 'Surveys are counted in the bucket they were sent in, with the type, channel, agent and team the ticket had when it was solved.',
        querystring: ReportWindowQuery.extend({
          from: ReportWindowQuery.shape.from.describe('Surveys sent at or after (default: 30 days before `to`)'),
          groupBy: z.enum(['none', 'agent', 'team', 'type', 'channel', 'sla']).default('none'),
          bucket: z.enum(BUCKET_UNITS).optional().describe('Calendar unit of the trend in `timeZone` (default: `interval`)'),
          interval: z.enum(['day', 'week']).default('day').describe('The trend\'s unit when `bucket` is not given'),
        }),
        response: reportResponses(CsatReportSchema, 'label,start,end,group,sent,answered,response_rate,csat_score,average,r1,r2,r3,r4,r5: the period (label `total`) by group, then the trend'),
      },
    },
    async (request, reply) => {
      const { groupBy, interval } = request.query;
      const w = reportWindow({ ...request.query, bucket: request.query.bucket ?? interval }, clock);
      const column = GROUP_COLUMN[groupBy];
      const sets: CountColumn[][] = [['outcome'], ['bucket', 'outcome'], ...(column ? [[column, 'outcome'] as CountColumn[]] : [])];
      const rows = await countFacts(db, { kinds: ['survey'], buckets: w.buckets, filters: await resolveFilters(db, w.filters), sets });
      const people = column === 'agent' || column === 'team' ? await peopleOf(db, rows.map((r) => r[column])) : new Map<number, Person>();
      const nameOf = (row: CountRow): string => {
        if (column === 'agent' || column === 'team') return people.get(row[column])?.id ?? (column === 'agent' ? 'unassigned' : 'none');
        if (column === 'detail') return valueOf(SURVEY_SLA, row.detail) ?? 'none';
        return column ? wordOf[column](row[column]) : 'all';
      };
      const total = emptyTally();
      const trend = w.buckets.map(() => emptyTally());
      const groups = new Map<string, Tally>();
      for (const row of rows) {
        if (row.set === 0) tally(total, row);
        else if (row.set === 1) tally(trend[row.bucket]!, row);
        else {
          const name = nameOf(row);
          tally(groups.get(name) ?? groups.set(name, emptyTally()).get(name)!, row);
        }
      }
      const json = {
        from: w.from.toISOString(),
        to: w.to.toISOString(),
        timeZone: w.timeZone,
        bucket: w.bucket,
        groupBy,
        total: stats(total),
        groups: [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([group, t]) => ({ group, ...stats(t) })),
        trend: w.buckets
          .map((b, i) => ({ period: periodLabel(b.start, w.timeZone, w.bucket), ...bucketEcho(b), ...stats(trend[i]!) }))
          .filter((point) => point.sent > 0),
      };
      const cells = (s: ReturnType<typeof stats>) => [s.sent, s.answered, s.responseRate, s.csatScore, s.average, s.ratings[1], s.ratings[2], s.ratings[3], s.ratings[4], s.ratings[5]];
      return answer(request, reply, json, () => ({
        filename: 'csat',
        header: ['label', 'start', 'end', 'group', 'sent', 'answered', 'response_rate', 'csat_score', 'average', 'r1', 'r2', 'r3', 'r4', 'r5'],
        rows: [
          ['total', json.from, json.to, 'all', ...cells(json.total)],
          ...json.groups.map((g) => ['total', json.from, json.to, g.group, ...cells(g)]),
          ...json.trend.map((t) => [t.label, t.start, t.end, 'all', ...cells(t)]),
        ],
      }));
    },
  );

  app.get(
    '/v1/reports/csat/comments',
    {
      config: { scope: 'reports:read' },
      schema: {
        tags: ['reports'],
        operationId: 'listCsatComments',
        summary: 'Customers\' comments, newest first, with filters',
        querystring: PageQuerySchema.extend({
          from: Timestamp.optional(),
          to: Timestamp.optional(),
          maxRating: z.coerce.number().int().min(1).max(5).optional(),
          minRating: z.coerce.number().int().min(1).max(5).optional(),
          agentId: z.string().max(64).optional(),
          teamId: z.string().max(64).optional(),
          type: z.enum(['question', 'complaint', 'suggestion']).optional(),
          channel: z.string().max(20).optional(),
        }).refine((q) => q.minRating === undefined || q.maxRating === undefined || q.minRating <= q.maxRating, {
          message: 'must not be above maxRating',
          path: ['minRating'],
        }),
        response: { 200: pageOf(CommentSchema).meta({ id: 'CsatCommentPage' }), ...errorResponses() },
      },
    },
    async (request) => {
      const q = request.query;
      const period = periodOf(q, clock, 365);
      const after = decodePositionCursor(q.cursor);
      const rows = await queries.comments(period, q, after, q.limit + 1);
      return toPage(
        rows,
        q.limit,
        (row) => ({
          surveyId: row.id,
          ticketId: row.ticket_id,
          rating: row.rating,
          comment: row.comment,
          reasons: row.reasons,
          agentId: row.agent_id,
          teamId: row.team_id,
          ticketType: row.ticket_type,
          channel: row.channel,
          slaOutcome: row.sla_outcome,
          answeredAt: row.createdAt.toISOString(),
        }),
        (row) => [row.createdAt.toISOString(), row.id],
      );
    },
  );
};
