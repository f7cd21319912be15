import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { routes, type FeatureModule } from '../module.ts';
import { createSlaReportQueries } from './sla-report.queries.ts';
import { createCsatReportQueries } from './csat-report.queries.ts';
import { slaReportRoutes } from './sla-report.routes.ts';
import { csatReportRoutes } from './csat-report.routes.ts';

/** Reports read what the features recorded; `db` may be a read pool. */
export function reportsModule(deps: { db: Database; clock: Clock }): FeatureModule {
  return {
    name: 'reports',
    routes: [
      routes(slaReportRoutes, { queries: createSlaReportQueries(deps.db), clock: deps.clock }),
      routes(csatReportRoutes, { queries: createCsatReportQueries(deps.db), clock: deps.clock }),
    ],
  };
}
