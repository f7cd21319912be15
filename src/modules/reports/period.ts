import { badRequest } from '../../http/problem.ts';
import type { Clock } from '../../shared/clock.ts';

export interface Period {
  from: Date;
  to: Date;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * The period of every report and export (`from` inclusive, `to` exclusive, with defaults). An
 * empty or reversed one, given or implied (a `from` in the future), is a 400: never a silent empty report.
 */
export function periodOf(query: { from?: string | undefined; to?: string | undefined }, clock: Clock, defaultDays = 30): Period {
  const to = query.to ? new Date(query.to) : clock.now();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - defaultDays * DAY);
  if (from >= to) {
    throw badRequest('request.validation', 'The period is empty: `from` must be before `to` (default: now)', [
      { path: 'querystring.from', message: 'must be before to' },
    ]);
  }
  return { from, to };
}
