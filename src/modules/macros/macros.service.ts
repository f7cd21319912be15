import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { KeysetPosition } from '../../db/keyset.ts';
import { preconditionFailed, unprocessable } from '../../http/problem.ts';
import type { Actor } from '../events/events.repository.ts';
import type { Classification } from '../classification/classification.schemas.ts';
import type { TicketRow } from '../tickets/tickets.repository.ts';
import type { TicketService } from '../tickets/tickets.service.ts';
import type { TeamRepository } from '../teams/teams.repository.ts';
import { ticketNotFound } from '../tickets/tickets.errors.ts';
import type { TimerIntent } from '../sla/timer-intents.ts';
import type { MessageRow } from '../messages/messages.repository.ts';
import { similarityTerms } from '../suggestions/similarity.ts';
import { renderTemplate, unknownPlaceholders as findUnknown } from './macro-template.ts';
import { macroInactive, macroNotFound, macroOfOtherTeam, unknownPlaceholders, unknownTeam } from './macros.errors.ts';
import type { MacroFilters, MacroRepository, MacroRow, NewMacroRow } from './macros.repository.ts';
import { MACRO_LANGUAGES, type CreateMacroInput, type MacroLanguage, type UpdateMacroInput } from './macros.schemas.ts';

type Reply = NonNullable<MacroRow['reply']>;

/** Refuses placeholders the template does not know, naming each with the language it is in. */
function checkPlaceholders(reply: Reply | null | undefined) {
  if (!reply) return;
  const found = MACRO_LANGUAGES.map((language) => ({ language, names: reply[language] ? findUnknown(reply[language]) : [] })).filter((f) => f.names.length);
  if (found.length) throw unknownPlaceholders(found);
}

/** Similarity terms of a macro: its name and replies (what suggestions match a question against). */
const macroTerms = (name: string, reply: Reply | null | undefined) =>
  similarityTerms([name, ...MACRO_LANGUAGES.map((l) => reply?.[l] ?? '')].join('\n').replace(/\{\{[^{}]*\}\}/g, ' '));

/**
 * The reply's language: the one asked for, else the ticket's (the classifier's view of its first
 * message), else the macro's first. Traditional falls back to simplified and back, English to Chinese.
 */
export function pickLanguage(reply: Reply, asked: MacroLanguage | undefined, ticketLanguage: string | undefined): MacroLanguage | null {
  const order: MacroLanguage[] =
    (asked ?? ticketLanguage) === 'en' ? ['en', 'zh-Hans', 'zh-Hant'] : (asked ?? ticketLanguage) === 'zh-Hant' ? ['zh-Hant', 'zh-Hans', 'en'] : ['zh-Hans', 'zh-Hant', 'en'];
  return order.find((l) => reply[l] !== undefined) ?? null;
}

export interface AppliedMacro {
  ticket: TicketRow;
  message: MessageRow | null;
  changes: Record<string, { from: unknown; to: unknown }>;
  language: MacroLanguage | null;
  macro: { id: string; name: string };
}

export function createMacroService(deps: { macros: MacroRepository; teams: Pick<TeamRepository, 'findById'>; tickets: TicketService; clock: Clock }) {
  const { macros, clock } = deps;

  async function get(id: string): Promise<MacroRow> {
    const row = await macros.findById(id);
    if (!row) throw macroNotFound(id);
    return row;
  }

  async function checkTeam(teamId: string | null | undefined) {
    if (teamId && !(await deps.teams.findById(teamId))) throw unknownTeam(teamId);
  }

  return {
    get,
    list: (filters: MacroFilters, limit: number, after?: KeysetPosition) => macros.list(filters, limit + 1, after),

    async create(input: CreateMacroInput): Promise<MacroRow> {
      checkPlaceholders(input.reply);
      await checkTeam(input.teamId);
      const at = clock.now();
      const row: NewMacroRow = {
        id: newId('macro', at.getTime()),
        name: input.name,
        description: input.description ?? null,
        teamId: input.teamId ?? null,
        ticketTypes: input.ticketTypes ? [...new Set(input.ticketTypes)] : [],
        reply: input.reply ?? null,
        visibility: input.visibility ?? 'public',
        status: input.status ?? null,
        priority: input.priority ?? null,
        addTags: input.addTags ?? [],
        removeTags: input.removeTags ?? [],
        active: input.active ?? true,
        terms: macroTerms(input.name, input.reply),
        createdAt: at,
        updatedAt: at,
      };
      return macros.insert(row);
    },

    async update(id: string, patch: UpdateMacroInput, expectedVersion?: number): Promise<MacroRow> {
      const current = await get(id);
      if (expectedVersion !== undefined && expectedVersion !== current.version) throw preconditionFailed();
      checkPlaceholders(patch.reply);
      await checkTeam(patch.teamId);
      const next = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as MacroRow;
      if (patch.ticketTypes) next.ticketTypes = [...new Set(patch.ticketTypes)];
      // Still a macro that does something: an update may not strip its last action.
      if (!(next.reply || next.status || next.priority || next.addTags.length || next.removeTags.length)) {
        throw unprocessable('macros.no_action', 'A macro needs an action: a reply, a status, a priority or tags', [{ path: 'body', message: 'no action left' }]);
      }
      const updated = await macros.update(id, current.version, {
        name: next.name,
        description: next.description ?? null,
        teamId: next.teamId ?? null,
        ticketTypes: next.ticketTypes,
        reply: next.reply ?? null,
        visibility: next.visibility,
        status: next.status ?? null,
        priority: next.priority ?? null,
        addTags: next.addTags,
        removeTags: next.removeTags,
        active: next.active,
        terms: macroTerms(next.name, next.reply),
        updatedAt: clock.now(),
      });
      if (!updated) throw preconditionFailed();
      return updated;
    },

    async remove(id: string): Promise<void> {
      if (!(await macros.delete(id))) throw macroNotFound(id);
    },

    /**
     * Applies a macro as one change: its reply (placeholders filled), then its status, priority and
     * tags, in one transaction with the ticket row locked, recording `message.created`, the
     * `ticket.updated` events, then `ticket.macro_applied` naming what it did, in that order. A retry
     * with the same Idempotency-Key replays the stored answer (the HTTP layer); without one it
     * applies again, as a second click would.
     */
    async apply(ticketId: string, macroId: string, options: { language?: MacroLanguage | undefined; expectedVersion?: number | undefined }, actor: Actor, agentId: string | null): Promise<AppliedMacro> {
      const macro = await get(macroId);
      if (!macro.active) throw macroInactive(macroId);
      const at = clock.now();
      const result = await deps.tickets.write(async (repos) => {
        const ticket = await repos.tickets.findById(ticketId, { forUpdate: true });
        if (!ticket) throw ticketNotFound(ticketId);
        if (options.expectedVersion !== undefined && ticket.version !== options.expectedVersion) throw preconditionFailed();
        if (macro.teamId && macro.teamId !== ticket.teamId) throw macroOfOtherTeam(macroId);
        const intents: TimerIntent[] = [];
        const changes: AppliedMacro['changes'] = {};
        let current = ticket;
        let message: MessageRow | null = null;
        let language: MacroLanguage | null = null;

        if (macro.reply) {
          language = pickLanguage(macro.reply, options.language, (ticket.classification as Classification | null)?.language);
          const customer = await repos.customers.findById(ticket.customerId);
          const named = agentId ?? ticket.assigneeId;
          const agentName = named ? (await repos.agents.findById(named))?.name : null;
          const body = renderTemplate(macro.reply[language!]!, { 'customer.name': customer?.name ?? null, 'ticket.number': ticket.number, 'agent.name': agentName ?? null });
          const appended = await deps.tickets.appendMessage(repos, current, { author: 'agent', visibility: macro.visibility, body, agentId: agentId ?? null }, actor, at);
          current = appended.ticket;
          message = appended.message;
          intents.push(...appended.intents);
          if (appended.ticket.status !== ticket.status) changes.status = { from: ticket.status, to: appended.ticket.status };
        }

        const tags = macro.addTags.length || macro.removeTags.length
          ? [...new Set([...current.tags.filter((t) => !macro.removeTags.includes(t)), ...macro.addTags])]
          : undefined;
        const patch = {
          ...(macro.status && macro.status !== current.status ? { status: macro.status as TicketRow['status'] } : {}),
          ...(macro.priority ? { priority: macro.priority as TicketRow['priority'] } : {}),
          ...(tags ? { tags } : {}),
        };
        if (Object.keys(patch).length) {
          const updated = await deps.tickets.updateIn(repos, ticketId, patch, actor, at);
          for (const field of ['status', 'priority', 'tags'] as const) {
            if (updated.row[field] !== current[field] && JSON.stringify(updated.row[field]) !== JSON.stringify(current[field])) {
              changes[field] = { from: changes[field]?.from ?? current[field], to: updated.row[field] };
            }
          }
          current = updated.row;
          intents.push(...updated.intents);
        }

        await repos.events.append([
          {
            type: 'ticket.macro_applied',
            ticketId,
            actor,
            data: { macro: { id: macro.id, name: macro.name }, messageId: message?.id ?? null, language, changes },
            at,
          },
        ]);
        // Applying a macro the desk showed as a suggestion is using it.
        await repos.suggestions.markUsed(ticketId, macro.id, at);
        return { ticket: current, message, changes, language, intents, macro: { id: macro.id, name: macro.name } };
      });
      return result;
    },
  };
}

export type MacroService = ReturnType<typeof createMacroService>;
