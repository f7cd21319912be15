import { withoutSurveyLink } from '../csat/survey-link-access.ts';
import type { EventRow } from './events.repository.ts';

/** An event as the API shows it (timeline, change feed); survey links only for who delivers them. */
export function presentEvent(row: Pick<EventRow, 'id' | 'type' | 'ticketId' | 'actorType' | 'actorId' | 'data' | 'createdAt'>, showSurveyLinks: boolean) {
  const data = row.data as Record<string, unknown>;
  return {
    id: row.id,
    type: row.type,
    ticketId: row.ticketId,
    actor: { type: row.actorType, id: row.actorId },
    data: showSurveyLinks ? data : withoutSurveyLink(row.type, data),
    createdAt: row.createdAt.toISOString(),
  };
}
