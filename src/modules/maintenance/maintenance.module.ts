import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import type { FeatureModule } from '../module.ts';
import { maintenanceQueue } from './maintenance.worker.ts';

export function maintenanceModule(deps: { db: Database; clock: Clock }): FeatureModule {
  return { name: 'maintenance', queues: [maintenanceQueue(deps)] };
}
