import { DateTime } from 'luxon';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../http/error-responses.ts';
import { badRequest } from '../../http/problem.ts';
import type { Clock } from '../../shared/clock.ts';
import type { HotspotPeriod, HotspotQueries, RankedTopic } from './hotspots.queries.ts';
import { HOTSPOT_TYPES, HotspotQuerySchema, HotspotReportSchema, type Hotspot } from './hotspots.schemas.ts';

/** The period asked for (default: the last seven local days, today included) and the one before it, of the same length. */
export function hotspotPeriod(query: { from?: string | undefined; to?: string | undefined; timeZone: string }, clock: Clock): HotspotPeriod {
  const to = query.to ? new Date(query.to) : clock.now();
  const from = query.from ? new Date(query.from) : DateTime.fromJSDate(to, { zone: query.timeZone }).startOf('day').minus({ days: 6 }).toJSDate();
  if (from >= to) {
    throw badRequest('request.validation', 'The period is empty: `from` must be before `to` (default: now)', [{ path: 'querystring.from', message: 'must be before to' }]);
  }
  return { previousFrom: new Date(from.getTime() - (to.getTime() - from.getTime())), from, to };
}

export const hotspotRoutes: FastifyPluginAsyncZod<{ queries: HotspotQueries; clock: Clock }> = async (app, { queries, clock }) => {
  app.get(
    '/v1/reports/hotspots',
    {
      config: { scope: 'reports:read' },
      schema: {
        tags: ['reports'],
        operationId: 'getHotspotReport',
        summary: 'Where problems concentrate: ticket topics by volume and by growth against the previous period, per type',
        description:
          'Topics are keywords and phrases of customers\' messages (Chinese segmented, traditional folded to simplified, stop words out), ' +
          'counted once per ticket and dated by the first message that mentioned them. The previous period is as long as the asked one and ends at `from`.',
        querystring: HotspotQuerySchema,
        response: { 200: HotspotReportSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const { type, limit, timeZone } = request.query;
      const period = hotspotPeriod(request.query, clock);
      const types = type ? [type] : HOTSPOT_TYPES;
      const ranked = await queries.ranked(period, types, limit);
      const details = await queries.details(period, ranked);
      const present = (row: RankedTopic): Hotspot => {
        const detail = details.get(`${row.type}\u0000${row.topic}`);
        return {
          topic: detail?.label ?? row.topic,
          key: row.topic,
          product: detail?.product ?? false,
          tickets: row.cur,
          previousTickets: row.prev,
          change: row.cur - row.prev,
          growth: row.prev > 0 ? Math.round((row.cur / row.prev) * 100) / 100 : null,
          growthScore: Math.round(row.score * 100) / 100,
          negativeShare: row.cur > 0 ? Math.round((row.neg / row.cur) * 1000) / 1000 : 0,
          sampleTicketIds: detail?.samples ?? [],
        };
      };
      return {
        from: period.from.toISOString(),
        to: period.to.toISOString(),
        previousFrom: period.previousFrom.toISOString(),
        timeZone,
        groups: types.map((t) => {
          const mine = ranked.filter((r) => r.type === t);
          return {
            type: t,
            byVolume: mine.filter((r) => r.byVolume <= limit).sort((a, b) => a.byVolume - b.byVolume).map(present),
            byGrowth: mine.filter((r) => r.byGrowth <= limit).sort((a, b) => a.byGrowth - b.byGrowth).map(present),
          };
        }),
      };
    },
  );
};
