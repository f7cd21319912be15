import { compileCalendar, type CompiledCalendar } from '../calendars/business-time.ts';
import type { CalendarSpec } from '../calendars/calendar-spec.ts';
import type { CalendarSource, PolicySource, SlaRepos } from './sla-engine.ts';
import type { SlaPolicyRow } from './sla.repository.ts';
import { createTtlCache } from '../../shared/ttl-cache.ts';

/**
 * Policies are read on every ticket event and change rarely: a short cache, dropped at once when
 * this process changes a policy. Other processes see a change within `ttlMs`.
 */
export function createPolicyCache(ttlMs = 2_000): PolicySource & { invalidate(): void } {
  return createTtlCache<SlaPolicyRow[], Pick<SlaRepos, 'policies'>>(ttlMs, (repos) => repos.policies.all());
}


/** Calendars compiled once per version (compiling parses time zones and holiday lists). */
export function createCalendarCache(): CalendarSource & { invalidate(id?: string): void } {
  const compiled = new Map<string, { stamp: number; calendar: CompiledCalendar }>();
  return {
    async get(repos: Pick<SlaRepos, 'calendars'>, calendarId: string) {
      const row = await repos.calendars.findById(calendarId);
      if (!row) return null;
      const stamp = row.version;
      const hit = compiled.get(calendarId);
      if (hit && hit.stamp === stamp) return hit.calendar;
      const calendar = compileCalendar({ timezone: row.timezone, weekly: row.weekly as CalendarSpec['weekly'], holidays: row.holidays as CalendarSpec['holidays'] });
      compiled.set(calendarId, { stamp, calendar });
      return calendar;
    },
    invalidate(id?: string) {
      if (id) compiled.delete(id);
      else compiled.clear();
    },
  };
}
