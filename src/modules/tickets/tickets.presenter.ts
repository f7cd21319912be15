import type { Classification } from '../classification/classification.schemas.ts';
import type { SlaTarget } from '../sla/sla.schemas.ts';
import type { TicketDto } from './tickets.schemas.ts';
import type { TicketRow } from './tickets.repository.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentTicket(row: TicketRow, sla: SlaTarget[] = []): TicketDto {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status,
    type: row.type,
    priority: row.priority,
    channel: row.channel,
    customerId: row.customerId,
    assigneeId: row.assigneeId,
    teamId: row.teamId,
    tags: row.tags,
    classification: (row.classification as Classification | null) ?? null,
    typeReviewedAt: iso(row.typeReviewedAt),
    sla,
    threadId: row.threadId,
    noSurvey: row.noSurvey,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    solvedAt: iso(row.solvedAt),
    version: row.version,
  };
}

/** Strong ETag from the version: cheap, and what If-Match compares. */
export const etagOf = (row: { version: number }) => `"${row.version}"`;
