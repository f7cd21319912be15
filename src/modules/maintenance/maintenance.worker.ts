import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { defineQueue } from '../../shared/jobs.ts';
import { purgeExpiredIdempotencyKeys } from '../../http/idempotency.ts';
import { createSessionRepository } from '../auth/sessions.repository.ts';
import { createSignInThrottleRepository } from '../auth/sign-in-throttle.repository.ts';
import { SIGN_IN_LOCK_POLICY } from '../auth/sign-in-throttle.ts';

export const MAINTENANCE_QUEUE = 'maintenance';
const PURGE_EVERY_MS = 60 * 60 * 1000;

const JobSchema = z.object({ task: z.literal('purge-idempotency-keys') });

/**
 * Housekeeping on a schedule: expired idempotency answers, expired helpdesk sessions and sign-in
 * failure counts nobody added to for a day (when they no longer count: SIGN_IN_LOCK_POLICY) are
 * deleted hourly.
 */
export function maintenanceQueue(deps: { db: Database; clock: Clock }) {
  return defineQueue({
    name: MAINTENANCE_QUEUE,
    schema: JobSchema,
    concurrency: 1,
    schedules: [{ id: 'purge-idempotency-keys', every: PURGE_EVERY_MS, data: { task: 'purge-idempotency-keys' } }],
    async handle(_data, { log }) {
      const now = deps.clock.now();
      const purged = await purgeExpiredIdempotencyKeys(deps.db, now);
      const sessions = await createSessionRepository(deps.db).purgeExpired(now);
      const signInThrottles = await createSignInThrottleRepository(deps.db).purgeStale(new Date(now.getTime() - SIGN_IN_LOCK_POLICY.lockoutsExpireMs), now);
      log.info({ purged, sessions, signInThrottles }, 'expired idempotency keys, helpdesk sessions and sign-in failure counts purged');
    },
  });
}
