import { Duration } from 'luxon';

/**
 * ISO 8601 durations (`PT4H`, `PT30M`, `PT5S`, `P3D`) to milliseconds. Days count as 24 hours:
 * in business time "P1D" means 24 business hours, as in the major helpdesks.
 */
export function durationToMs(iso: string): number | null {
  const duration = Duration.fromISO(iso);
  if (!duration.isValid) return null;
  const ms = duration.shiftTo('milliseconds').milliseconds;
  return Number.isFinite(ms) ? ms : null;
}

export function msToDuration(ms: number): string {
  return Duration.fromMillis(ms).shiftTo('days', 'hours', 'minutes', 'seconds').normalize().toISO() ?? 'PT0S';
}
