import type { Clock } from '../../shared/clock.ts';
import { badRequest, notFound } from '../../http/problem.ts';
import type { Actor } from '../events/events.repository.ts';
import type { Classification } from '../classification/classification.schemas.ts';
import type { TicketService } from '../tickets/tickets.service.ts';
import type { CustomerRepository } from '../customers/customers.repository.ts';
import type { AgentRepository } from '../agents/agents.repository.ts';
import type { MacroRepository, MacroRow } from '../macros/macros.repository.ts';
import { renderTemplate } from '../macros/macro-template.ts';
import { pickLanguage } from '../macros/macros.service.ts';
import type { MacroLanguage } from '../macros/macros.schemas.ts';
import { questionTerms } from './answer-index.ts';
import { rank, retrievalTerms, weighQuestion, type Ranked } from './similarity.ts';
import type { AnswerCandidate, SuggestionRepository } from './suggestions.repository.ts';
import type { z } from 'zod';
import type { SuggestionSchema } from './suggestions.schemas.ts';

type Suggestion = z.infer<typeof SuggestionSchema>;

/** Macros need a clearer match than answers: they are generic by design, and many. */
const MIN_ANSWER_SCORE = 0.2;
const MIN_MACRO_SCORE = 0.25;
const MAX_MACROS = 3;

export const suggestionNotShown = (ticketId: string, sid: string) =>
  notFound('suggestions', `Suggestion ${sid} was not shown for ticket ${ticketId}`);

export function createSuggestionService(deps: {
  suggestions: SuggestionRepository;
  macros: Pick<MacroRepository, 'usableFor'>;
  customers: Pick<CustomerRepository, 'findById'>;
  agents: Pick<AgentRepository, 'findById'>;
  tickets: Pick<TicketService, 'get'>;
  clock: Clock;
}) {
  const { suggestions, clock } = deps;

  return {
    /**
     * The suggestions for a ticket: solved tickets of its type that asked the same (their public
     * replies) and macros that fit, ranked together by similarity. What was shown is recorded, so
     * the use of each can be measured.
     */
    async suggest(ticketId: string, limit: number, agentId: string | null) {
      const ticket = await deps.tickets.get(ticketId);
      const question = await suggestions.firstCustomerMessage(ticketId);
      const terms = questionTerms(ticket.subject, question);
      const [stats, macros] = await Promise.all([
        ticket.type ? suggestions.termStats(ticket.type, terms) : Promise.resolve({ df: new Map<string, number>(), total: 0 }),
        deps.macros.usableFor(ticket.teamId, ticket.type),
      ]);
      const weights = weighQuestion(terms, stats.df, stats.total);
      const any = retrievalTerms(terms, stats.df);
      const candidates = ticket.type ? await suggestions.candidates(ticket.type, { all: any.slice(0, 2), any }, ticket.id) : [];
      const answers = rank(weights, candidates, limit, MIN_ANSWER_SCORE);
      const fitting = rank(weights, macros.map((m) => ({ ...m, tickets: 1 })), MAX_MACROS, MIN_MACRO_SCORE);

      const merged: ({ kind: 'answer'; r: Ranked<AnswerCandidate> } | { kind: 'macro'; r: Ranked<MacroRow & { tickets: number }> })[] = [
        ...answers.map((r) => ({ kind: 'answer' as const, r })),
        ...fitting.map((r) => ({ kind: 'macro' as const, r })),
      ]
        .sort((a, b) => b.r.scored.score - a.r.scored.score)
        .slice(0, limit);

      const language = (ticket.classification as Classification | null)?.language;
      const needsNames = merged.some((m) => m.kind === 'macro' && m.r.item.reply);
      const customerName = needsNames ? ((await deps.customers.findById(ticket.customerId))?.name ?? null) : null;
      const named = agentId ?? ticket.assigneeId;
      const agentName = needsNames && named ? ((await deps.agents.findById(named))?.name ?? null) : null;

      const data: Suggestion[] = merged.map((m, i) => {
        const base = { rank: i + 1, score: Math.round(m.r.scored.score * 1000) / 1000, matchedTerms: m.r.scored.matched.slice(0, 10) };
        if (m.kind === 'answer') {
          const a = m.r.item;
          return {
            id: a.ticketId,
            kind: 'answer',
            ...base,
            answer: { ticketId: a.ticketId, ticketNumber: a.ticketNumber, subject: a.subject, solvedAt: a.solvedAt.toISOString(), similarTickets: a.tickets, replies: a.replies },
          };
        }
        const macro = m.r.item;
        const lang: MacroLanguage | null = macro.reply ? pickLanguage(macro.reply, undefined, language) : null;
        return {
          id: macro.id,
          kind: 'macro',
          ...base,
          macro: {
            id: macro.id,
            name: macro.name,
            language: lang,
            reply: lang ? renderTemplate(macro.reply![lang]!, { 'customer.name': customerName, 'ticket.number': ticket.number, 'agent.name': agentName }) : null,
            status: macro.status as NonNullable<Suggestion['macro']>['status'],
            priority: macro.priority as NonNullable<Suggestion['macro']>['priority'],
            addTags: macro.addTags,
            removeTags: macro.removeTags,
          },
        };
      });
      await suggestions.recordShown(ticketId, data.map((s) => ({ ref: s.id, kind: s.kind, rank: s.rank })), clock.now());
      return { ticketId, terms: terms.slice(0, 30), data };
    },

    /** An agent used a suggestion shown for this ticket (a repeat keeps the first use). */
    async used(ticketId: string, sid: string, actor: Actor) {
      await deps.tickets.get(ticketId);
      const use = await suggestions.markUsed(ticketId, sid, clock.now(), actor);
      if (!use) throw suggestionNotShown(ticketId, sid);
      return { ticketId, id: sid, kind: use.kind, rank: use.rank, usedAt: use.usedAt.toISOString() };
    },

    /** Shown vs used, overall, per kind and per rank. */
    async report(query: { from?: string | undefined; to?: string | undefined }) {
      const to = query.to ? new Date(query.to) : clock.now();
      const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * 86_400_000);
      if (from >= to) throw badRequest('request.validation', '`from` must be before `to`', [{ path: 'querystring.from', message: 'must be before to' }]);
      const rows = await suggestions.usage(from, to);
      const usage = (list: { shown: number; used: number }[]) => {
        const shown = list.reduce((n, r) => n + r.shown, 0);
        const used = list.reduce((n, r) => n + r.used, 0);
        return { shown, used, useRate: shown ? Math.round((used / shown) * 1000) / 1000 : null };
      };
      const kinds = (['answer', 'macro'] as const).map((kind) => ({ kind, ...usage(rows.filter((r) => r.kind === kind)) }));
      const ranks = [...new Set(rows.map((r) => r.rank))].sort((a, b) => a - b).map((rank) => ({ rank, ...usage(rows.filter((r) => r.rank === rank)) }));
      return { from: from.toISOString(), to: to.toISOString(), total: usage(rows), byKind: kinds, byRank: ranks };
    },
  };
}

export type SuggestionService = ReturnType<typeof createSuggestionService>;
