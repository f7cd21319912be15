import type { Clock } from '../../shared/clock.ts';
import type { DeliveryRow } from './deliveries.repository.ts';
import type { EndpointRow } from './endpoints.repository.ts';

const iso = (value: Date | null) => value?.toISOString() ?? null;

/** An endpoint as the API shows it: never its secrets (only the create and rotate answers carry the new one). */
export function presentWebhook(row: EndpointRow, clock: Clock) {
  const overlap = row.previousSecretExpiresAt && row.previousSecretExpiresAt > clock.now() ? row.previousSecretExpiresAt : null;
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    status: row.status,
    statusReason: row.statusReason,
    surveyLinks: row.surveyLinks,
    previousSecretExpiresAt: iso(overlap),
    consecutiveFailures: row.consecutiveFailures,
    failingSince: iso(row.failingSince),
    lastSuccessAt: iso(row.lastSuccessAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** A delivery in the log: its last attempt, never the payload (the event is in the timeline and the change feed). */
export function presentDelivery(row: DeliveryRow) {
  return {
    id: row.id,
    eventId: row.eventId,
    eventType: row.eventType,
    ticketId: row.ticketId,
    status: row.status,
    attempts: row.attempts,
    lastAttemptAt: iso(row.lastAttemptAt),
    statusCode: row.lastStatusCode,
    latencyMs: row.lastLatencyMs,
    error: row.lastError,
    response: row.lastResponse,
    nextAttemptAt: row.status === 'pending' ? iso(row.nextAttemptAt) : null,
    deliveredAt: iso(row.deliveredAt),
    createdAt: row.createdAt.toISOString(),
  };
}
