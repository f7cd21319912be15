import type { Logger } from 'pino';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { createDeliveryRepository, type AttemptRecord, type ClaimedDelivery, type DueDelivery } from './deliveries.repository.ts';
import { createEndpointRepository } from './endpoints.repository.ts';
import { eventBody, pingBody, PING_TYPE } from './payload.ts';
import { LEASE_MS, retryDelay, shouldPause } from './retry-policy.ts';
import type { SecretBox } from './secret-box.ts';
import { signedHeaders } from './signing.ts';
import type { Sender } from './http-sender.ts';

export type AttemptOutcome = 'delivered' | 'retrying' | 'given_up' | 'disabled' | 'not_claimed' | 'superseded';

export interface AttemptResult {
  outcome: AttemptOutcome;
  /** What to enqueue next: this delivery's retry, or the next delivery of its ticket's line. */
  enqueue: (DueDelivery & { at?: Date })[];
  /** The delivery is not due yet (its job went off early): try again then. */
  retryAt?: Date;
}

const GONE_REASON = 'not sent: the endpoint answered 410 Gone and was disabled';

function failureOf(record: AttemptRecord): string {
  if (record.error) return record.error;
  const code = record.statusCode!;
  if (code >= 300 && code < 400) return `answered ${code}: redirects are not followed`;
  return `answered ${code}`;
}

/**
 * One attempt of one delivery: claim it (due, first in its ticket's line, not held elsewhere),
 * sign and send it outside any transaction, then record the outcome in one transaction: delivered;
 * a retry on the schedule; given up; or, on a 410, the endpoint disabled and what it was owed given
 * up. A run of failures pauses the endpoint. Whoever held the delivery longer than the lease loses
 * it to the sweeper, and its late outcome is ignored.
 */
export function createDeliveryRunner(deps: {
  db: Database;
  clock: Clock;
  secrets: SecretBox;
  send: Sender;
  logger: Logger;
  random?: () => number;
  /** Each settled attempt's outcome and its lag from the event (metrics). */
  observe?: { webhookAttempt(outcome: AttemptOutcome, lagSeconds: number): void } | undefined;
}) {
  const reads = createDeliveryRepository(deps.db);

  async function signingSecrets(claim: ClaimedDelivery, now: Date): Promise<string[]> {
    const current = await deps.secrets.open(claim.secretSealed, claim.endpointId);
    const overlap = claim.previousSecretSealed && claim.previousSecretExpiresAt && claim.previousSecretExpiresAt > now;
    return overlap ? [current, await deps.secrets.open(claim.previousSecretSealed!, claim.endpointId)] : [current];
  }

  async function bodyOf(claim: ClaimedDelivery): Promise<string | null> {
    if (claim.eventType === PING_TYPE) return pingBody(claim.endpointId, claim.createdAt);
    const event = claim.eventId ? await reads.event(claim.eventId) : undefined;
    return event ? eventBody(event, { surveyLinks: claim.surveyLinks }) : null;
  }

  async function settle(claim: ClaimedDelivery, record: AttemptRecord, permanent: boolean): Promise<AttemptResult> {
    const result = await settleInTransaction(claim, record, permanent);
    deps.observe?.webhookAttempt(result.outcome, (deps.clock.now().getTime() - claim.createdAt.getTime()) / 1000);
    return result;
  }

  async function settleInTransaction(claim: ClaimedDelivery, record: AttemptRecord, permanent: boolean): Promise<AttemptResult> {
    const now = deps.clock.now();
    const ping = claim.eventType === PING_TYPE;
    const ok = record.error === null && record.statusCode !== null && record.statusCode >= 200 && record.statusCode < 300;
    const gone = record.statusCode === 410;
    return deps.db.transaction(async (tx) => {
      const deliveries = createDeliveryRepository(tx);
      const endpoints = createEndpointRepository(tx);
      let outcome: AttemptOutcome;
      const enqueue: AttemptResult['enqueue'] = [];
      if (ok) {
        if (!(await deliveries.delivered(claim.id, claim.attempts, record, now))) return { outcome: 'superseded', enqueue };
        if (!ping) await endpoints.succeeded(claim.endpointId, now);
        outcome = 'delivered';
      } else if (gone) {
        if (!(await deliveries.failed(claim.id, claim.attempts, { ...record, error: failureOf(record) }, null, now))) return { outcome: 'superseded', enqueue };
        await endpoints.deactivate(claim.endpointId, 'disabled', 'gone', now);
        await deliveries.abandonPending(claim.endpointId, GONE_REASON, now);
        deps.logger.warn({ endpointId: claim.endpointId }, 'webhook endpoint answered 410 Gone: disabled');
        return { outcome: 'disabled', enqueue };
      } else {
        const step = claim.retryStep + 1;
        const delay = ping || permanent ? null : retryDelay(step, deps.random);
        const retry = delay === null ? null : { at: new Date(now.getTime() + delay), step };
        if (!(await deliveries.failed(claim.id, claim.attempts, { ...record, error: failureOf(record) }, retry, now))) return { outcome: 'superseded', enqueue };
        let active = true;
        if (!ping) {
          const state = await endpoints.failed(claim.endpointId, now);
          active = state?.status === 'active';
          if (active && state?.failingSince && shouldPause(state.consecutiveFailures, state.failingSince, now)) {
            await endpoints.deactivate(claim.endpointId, 'paused', 'failing', now);
            deps.logger.warn({ endpointId: claim.endpointId, failures: state.consecutiveFailures }, 'webhook endpoint keeps failing: paused');
            active = false;
          }
        }
        if (retry) {
          if (active) enqueue.push({ id: claim.id, attempts: claim.attempts, at: retry.at });
          return { outcome: 'retrying', enqueue };
        }
        outcome = 'given_up';
      }
      // Settled: the next delivery of this ticket to this endpoint may go.
      if (claim.ticketId) {
        const next = await deliveries.nextInLine(claim.endpointId, claim.ticketId);
        if (next) enqueue.push(next);
      }
      return { outcome, enqueue };
    });
  }

  return {
    async attempt(deliveryId: string): Promise<AttemptResult> {
      const now = deps.clock.now();
      const claim = await reads.claim(deliveryId, now, new Date(now.getTime() + LEASE_MS));
      if (!claim) {
        const row = await reads.findById(deliveryId);
        const early = row?.status === 'pending' && row.nextAttemptAt && row.nextAttemptAt > now;
        return early ? { outcome: 'not_claimed', enqueue: [], retryAt: row.nextAttemptAt! } : { outcome: 'not_claimed', enqueue: [] };
      }
      let body: string | null;
      let secrets: string[];
      try {
        [body, secrets] = await Promise.all([bodyOf(claim), signingSecrets(claim, now)]);
      } catch (error) {
        // An unreadable secret (WEBHOOK_SECRET_KEY changed) is retried: putting the key back heals it.
        return settle(claim, { statusCode: null, latencyMs: 0, error: (error as Error).message, response: null }, false);
      }
      if (body === null) return settle(claim, { statusCode: null, latencyMs: 0, error: 'not sent: the event no longer exists', response: null }, true);
      const record = await deps.send({ url: claim.url, headers: signedHeaders(secrets, claim.id, now, body), body });
      return settle(claim, record, false);
    },
  };
}

export type DeliveryRunner = ReturnType<typeof createDeliveryRunner>;
