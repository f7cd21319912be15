import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { routes, type FeatureModule } from '../module.ts';
import { createCalendarRepository } from './calendars.repository.ts';
import { calendarRoutes, type CalendarRoutesOptions } from './calendars.routes.ts';

/** Business calendars. `usage` is what SLAs say of a calendar (in use? recompute on change). */
export function calendarsModule(deps: { db: Database; clock: Clock; usage: Pick<CalendarRoutesOptions, 'inUse' | 'businessTargets' | 'onChange'> }): FeatureModule {
  return {
    name: 'calendars',
    routes: [routes(calendarRoutes, { calendars: createCalendarRepository(deps.db), clock: deps.clock, ...deps.usage })],
  };
}
