import type { Actor } from '../events/events.repository.ts';
import { withoutSurveyLink } from '../csat/survey-link-access.ts';
import { feedData } from '../events/feed-data.ts';

/** The event as a delivery reads it back from the `events` table. */
export interface StoredEvent {
  id: string;
  type: string;
  ticketId: string | null;
  actor: Actor;
  data: Record<string, unknown>;
  createdAt: Date;
}

/** The names the envelope puts beside the catalogue's fields in `data` (no catalogue schema may use them). */
export const ENVELOPE_FIELDS = ['eventId', 'ticketId', 'actor'] as const;

export const PING_TYPE = 'webhook.ping';

/**
 * A delivery's body, Standard Webhooks style: `{ type, timestamp, data }`. `timestamp` is when the
 * event happened; `data` is the event's data as the catalogue describes it, with the event's id,
 * its ticket and its actor beside it, without the words (feed-data.ts). The survey link of
 * `csat.requested` stays out unless the endpoint may see it.
 */
export function eventBody(event: StoredEvent, options: { surveyLinks: boolean }): string {
  const shown = feedData(event.type, event.data);
  const data = options.surveyLinks ? shown : withoutSurveyLink(event.type, shown);
  return JSON.stringify({
    type: event.type,
    timestamp: event.createdAt.toISOString(),
    data: { eventId: event.id, ticketId: event.ticketId, actor: event.actor, ...data },
  });
}

/** A ping: proves the URL, the secret and the receiver's verification work, without an event. */
export function pingBody(webhookId: string, at: Date): string {
  return JSON.stringify({ type: PING_TYPE, timestamp: at.toISOString(), data: { webhookId } });
}
