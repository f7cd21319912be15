import type pg from 'pg';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { routes, type FeatureModule } from '../module.ts';
import { createErasureService } from './erasure.service.ts';
import { privacyRoutes } from './privacy.routes.ts';
import { retentionQueue, type RetentionPolicy } from './retention.ts';

/**
 * Customers' rights over their data: the export (access, portability), the erasure, and the
 * retention period after which closed tickets lose their words (off unless RETENTION_CLOSED_DAYS).
 */
export function privacyModule(deps: { db: Database; pool: pg.Pool; clock: Clock; retention?: RetentionPolicy | undefined }): FeatureModule {
  const erasures = createErasureService(deps);
  return {
    name: 'privacy',
    routes: [routes(privacyRoutes, { erasures, pool: deps.pool, clock: deps.clock })],
    queues: deps.retention ? [retentionQueue({ db: deps.db, clock: deps.clock, policy: deps.retention })] : [],
  };
}
