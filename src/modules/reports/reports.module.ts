import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { routes, type FeatureModule } from '../module.ts';
import { slaReportRoutes } from './sla-report.routes.ts';
import { csatReportRoutes } from './csat-report.routes.ts';
import { createCsatReportQueries } from './csat-report.queries.ts';
import { volumeReportRoutes } from './volume.routes.ts';
import { responseTimesReportRoutes } from './response-times.routes.ts';
import { backlogReportRoutes } from './backlog.routes.ts';
import { agentsReportRoutes } from './agents-report.routes.ts';
import { classificationReportRoutes } from './classification-report.routes.ts';
import { reportsSubscriber } from './reports.subscriber.ts';
import { reportsBackfillQueue } from './reports.backfill.ts';

/**
 * Reports read the facts and rollups the `reports` relay subscriber keeps (and the survey
 * comments); `db` may be a read pool. The worker side: the subscriber, and the backfill of
 * tickets older than it.
 */
export function reportsModule(deps: { db: Database; clock: Clock }): FeatureModule {
  const base = { db: deps.db, clock: deps.clock };
  return {
    name: 'reports',
    routes: [
      routes(volumeReportRoutes, base),
      routes(responseTimesReportRoutes, base),
      routes(backlogReportRoutes, base),
      routes(agentsReportRoutes, base),
      routes(classificationReportRoutes, base),
      routes(slaReportRoutes, base),
      routes(csatReportRoutes, { queries: createCsatReportQueries(deps.db), ...base }),
    ],
    queues: [reportsBackfillQueue(base)],
    subscribers: [reportsSubscriber()],
  };
}
