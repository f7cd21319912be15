import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { countFacts, type CountRow } from './counts.queries.ts';
import { FACT_KINDS, SLA_KINDS } from './dimensions.ts';
import { resolveFilters } from './fact-filters.ts';
import { peopleOf } from './names.ts';
import { reportWindow, ReportWindowQuery, windowEcho, WindowEchoSchema } from './report-params.ts';
import { answer, duration, ratio, REPORT_CONFIG, reportResponses, seconds } from './report-response.ts';
import { slaTimes, type Percentiles, type TimeRow } from './times.queries.ts';

const Times = z.object({ count: z.number().int(), p50: z.string().nullable(), p90: z.string().nullable(), mean: z.string().nullable() });
const Clocks = z.object({ calendar: Times, business: Times.describe('The SLA clock (business hours where the policy uses a calendar, pauses left out)') });

const Performance = z.object({
  ticketsHandled: z.number().int().describe('Solves of tickets assigned to them'),
  publicReplies: z.number().int(),
  firstResponse: Clocks.describe('Time to the first reply, for the first replies they gave'),
  resolution: Clocks.describe('Time to solve, for tickets assigned to them'),
  sla: z.object({ achieved: z.number().int(), breached: z.number().int(), attainment: z.number().nullable() }).describe('Every SLA target of their work (first, next response, resolution)'),
  csat: z.object({ sent: z.number().int(), answered: z.number().int(), score: z.number().nullable().describe('Share of 4–5'), average: z.number().nullable() }),
  reopened: z.number().int().describe('Their solved tickets opened again'),
  reopenRate: z.number().nullable().describe('reopened / ticketsHandled'),
  classificationCorrections: z.number().int().describe('Ticket types they corrected (they teach the classifier)'),
});

const AgentsReportSchema = z
  .object({
    ...WindowEchoSchema,
    agents: z.array(Performance.extend({ agentId: z.string().nullable().describe('null: work nobody was assigned'), name: z.string().nullable() })),
    teams: z.array(Performance.extend({ teamId: z.string().nullable().describe('null: tickets of no team'), name: z.string().nullable() })),
  })
  .meta({ id: 'AgentsReport', description: 'Per agent and per team over the period: the figures of the reward scheme' });

type Perf = z.infer<typeof Performance>;
const times = (p: Percentiles) => ({ count: p.count, p50: duration(p.p50), p90: duration(p.p90), mean: duration(p.mean) });
const emptyTimes = { calendar: { count: 0, p50: null, p90: null, mean: null }, business: { count: 0, p50: null, p90: null, mean: null } };

interface Acc {
  counts: Map<number, number>;
  ratings: number[];
  achieved: number;
  breached: number;
  first?: TimeRow;
  resolution?: TimeRow;
}
const acc = (): Acc => ({ counts: new Map(), ratings: [0, 0, 0, 0, 0, 0], achieved: 0, breached: 0 });

function performance(a: Acc): Perf {
  const count = (kind: keyof typeof FACT_KINDS) => a.counts.get(FACT_KINDS[kind]) ?? 0;
  const [unanswered, ...rated] = a.ratings as [number, ...number[]];
  const answered = rated.reduce((s, n) => s + n, 0);
  const sum = rated.reduce((s, n, i) => s + n * (i + 1), 0);
  const handled = count('solved');
  return {
    ticketsHandled: handled,
    publicReplies: count('reply'),
    firstResponse: a.first ? { calendar: times(a.first.calendar), business: times(a.first.business) } : emptyTimes,
    resolution: a.resolution ? { calendar: times(a.resolution.calendar), business: times(a.resolution.business) } : emptyTimes,
    sla: { achieved: a.achieved, breached: a.breached, attainment: ratio(a.achieved, a.achieved + a.breached) },
    csat: { sent: unanswered + answered, answered, score: ratio((rated[3] ?? 0) + (rated[4] ?? 0), answered), average: answered ? Math.round((sum / answered) * 100) / 100 : null },
    reopened: count('reopened'),
    reopenRate: ratio(count('reopened'), handled),
    classificationCorrections: count('correction'),
  };
}

export const agentsReportRoutes: FastifyPluginAsyncZod<{ db: Database; clock: Clock }> = async (app, { db, clock }) => {
  app.get(
    '/v1/reports/agents',
    {
      config: REPORT_CONFIG,
      schema: {
        tags: ['reports'],
        operationId: 'getAgentsReport',
        summary: 'Per agent and per team: tickets handled, replies, first-response and resolution percentiles, SLA attainment, CSAT, reopen rate, corrections',
        description:
          'A summary of the period (`bucket` is accepted like every report\'s and does not split it). Work is credited to who did it: a reply to its author, a first response to the agent who gave it, a solve, a reopen and a resolution to the assignee, a survey to the agent it recorded, a correction to the agent who made it.',
        querystring: ReportWindowQuery,
        response: reportResponses(
          AgentsReportSchema,
          'scope,id,name,tickets_handled,public_replies,first_response_p50_seconds,first_response_p90_seconds,first_response_business_p50_seconds,first_response_business_p90_seconds,resolution_p50_seconds,resolution_p90_seconds,resolution_business_p50_seconds,resolution_business_p90_seconds,sla_achieved,sla_breached,sla_attainment,csat_answered,csat_score,csat_average,reopened,reopen_rate,classification_corrections: one row per agent (scope `agent`) and per team (`team`)',
        ),
      },
    },
    async (request, reply) => {
      const w = reportWindow(request.query, clock);
      const filters = await resolveFilters(db, w.filters);
      const [counts, slas] = await Promise.all([
        countFacts(db, { kinds: ['solved', 'reopened', 'reply', 'survey', 'correction'], buckets: w.buckets, filters, sets: [['agent', 'kind', 'outcome'], ['team', 'kind', 'outcome']] }),
        slaTimes(db, { ...w, metrics: SLA_KINDS, filters, sets: [['agent'], ['team']] }),
      ]);
      const scopes = [new Map<number, Acc>(), new Map<number, Acc>()] as const;
      const of = (set: number, key: number) => scopes[set as 0 | 1].get(key) ?? scopes[set as 0 | 1].set(key, acc()).get(key)!;
      const keyOf = (set: number, row: { agent: number; team: number }) => (set === 0 ? row.agent : row.team);
      for (const row of counts as CountRow[]) {
        const a = of(row.set, keyOf(row.set, row));
        if (row.kind === FACT_KINDS.survey) a.ratings[row.outcome] = (a.ratings[row.outcome] ?? 0) + row.n;
        else a.counts.set(row.kind, (a.counts.get(row.kind) ?? 0) + row.n);
      }
      for (const row of slas) {
        const a = of(row.set, keyOf(row.set, row.groups));
        a.achieved += row.achieved;
        a.breached += row.breached;
        if (row.metric === 'first_response') a.first = row;
        if (row.metric === 'resolution') a.resolution = row;
      }
      const people = await peopleOf(db, [...scopes[0].keys(), ...scopes[1].keys()]);
      const list = (scope: Map<number, Acc>) =>
        [...scope].map(([key, a]) => ({ person: people.get(key) ?? { key, id: null, name: null }, perf: performance(a) })).sort((x, y) => y.perf.ticketsHandled - x.perf.ticketsHandled || (x.person.id ?? '').localeCompare(y.person.id ?? ''));
      const agents = list(scopes[0]);
      const teams = list(scopes[1]);
      const json = {
        ...windowEcho(w),
        agents: agents.map(({ person, perf }) => ({ agentId: person.id, name: person.name, ...perf })),
        teams: teams.map(({ person, perf }) => ({ teamId: person.id, name: person.name, ...perf })),
      };
      const row = (scope: string, id: string | null, name: string | null, p: Perf, first?: TimeRow, resolution?: TimeRow) => [
        scope, id, name, p.ticketsHandled, p.publicReplies,
        seconds(first?.calendar.p50 ?? null), seconds(first?.calendar.p90 ?? null), seconds(first?.business.p50 ?? null), seconds(first?.business.p90 ?? null),
        seconds(resolution?.calendar.p50 ?? null), seconds(resolution?.calendar.p90 ?? null), seconds(resolution?.business.p50 ?? null), seconds(resolution?.business.p90 ?? null),
        p.sla.achieved, p.sla.breached, p.sla.attainment, p.csat.answered, p.csat.score, p.csat.average, p.reopened, p.reopenRate, p.classificationCorrections,
      ];
      return answer(request, reply, json, () => ({
        filename: 'agents',
        header: [
          'scope', 'id', 'name', 'tickets_handled', 'public_replies',
          'first_response_p50_seconds', 'first_response_p90_seconds', 'first_response_business_p50_seconds', 'first_response_business_p90_seconds',
          'resolution_p50_seconds', 'resolution_p90_seconds', 'resolution_business_p50_seconds', 'resolution_business_p90_seconds',
          'sla_achieved', 'sla_breached', 'sla_attainment', 'csat_answered', 'csat_score', 'csat_average', 'reopened', 'reopen_rate', 'classification_corrections',
        ],
        rows: [
          ...agents.map(({ person, perf }) => row('agent', person.id, person.name, perf, scopes[0].get(person.key)?.first, scopes[0].get(person.key)?.resolution)),
          ...teams.map(({ person, perf }) => row('team', person.id, person.name, perf, scopes[1].get(person.key)?.first, scopes[1].get(person.key)?.resolution)),
        ],
      }));
    },
  );
};
