import type { MessageDto } from './messages.schemas.ts';
import type { MessageRow } from './messages.repository.ts';

export function presentMessage(row: MessageRow): MessageDto {
  return {
    id: row.id,
    ticketId: row.ticketId,
    author: row.author,
    visibility: row.visibility,
    body: row.body,
    agentId: row.agentId,
    customerId: row.customerId,
    channel: row.channel,
    externalId: row.externalId,
    receivedAt: row.receivedAt ? row.receivedAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}
