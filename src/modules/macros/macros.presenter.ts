import type { MacroRow } from './macros.repository.ts';
import type { MacroDto } from './macros.schemas.ts';

export function presentMacro(row: MacroRow): MacroDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    teamId: row.teamId,
    ticketTypes: row.ticketTypes as MacroDto['ticketTypes'],
    reply: row.reply ?? null,
    visibility: row.visibility,
    status: row.status as MacroDto['status'],
    priority: row.priority as MacroDto['priority'],
    addTags: row.addTags,
    removeTags: row.removeTags,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}
