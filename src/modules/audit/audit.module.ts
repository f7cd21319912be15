import type { Logger } from 'pino';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { routes, type FeatureModule } from '../module.ts';
import { createAuditRecorder } from './audit-recorder.ts';
import { createAuditRepository } from './audit.repository.ts';
import { auditRoutes } from './audit.routes.ts';

/**
 * The audit log: the recorder (the HTTP hook in audit.hooks.ts, and `record(tx, …)` for features
 * that write their own record in their transaction) and `GET /v1/audit-log`.
 */
export function auditModule(deps: { db: Database; clock: Clock; logger: Logger }) {
  const recorder = createAuditRecorder(deps);
  const repository = createAuditRepository(deps.db);
  const module: FeatureModule = {
    name: 'audit',
    routes: [routes(auditRoutes, { repository, recorder })],
    close: () => recorder.close(),
  };
  return { recorder, module };
}
