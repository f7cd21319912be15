import { withoutSurveyLink } from '../csat/survey-link-access.ts';
import type { EventRow } from './events.repository.ts';
import { feedData } from './feed-data.ts';

/**
 * An event as the API shows it; survey links only for who delivers them. `feed`: the change feed
 * and live stream, which carry ids and codes, not the words (feed-data.ts); the ticket timeline
 * and the customer's export show the event as stored.
 */
export function presentEvent(
  row: Pick<EventRow, 'id' | 'type' | 'ticketId' | 'actorType' | 'actorId' | 'data' | 'createdAt'>,
  showSurveyLinks: boolean,
  options: { feed?: boolean } = {},
) {
  const stored = row.data as Record<string, unknown>;
  const data = options.feed ? feedData(row.type, stored) : stored;
  return {
    id: row.id,
    type: row.type,
    ticketId: row.ticketId,
    actor: { type: row.actorType, id: row.actorId },
    data: showSurveyLinks ? data : withoutSurveyLink(row.type, data),
    createdAt: row.createdAt.toISOString(),
  };
}
