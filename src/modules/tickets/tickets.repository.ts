import { and, arrayContains, asc, desc, eq, getTableColumns, gt, gte, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { afterPosition, type KeysetPosition } from '../../db/keyset.ts';
import { tickets } from './tickets.table.ts';
import { ticketSlaDue } from '../sla/sla.tables.ts';
import { matchingTexts, planSearch, rankOf, relevanceBudget, RELEVANCE_WINDOW, searchCondition, walkBudget, type TicketSearch } from '../search/ticket-search.ts';

export type TicketRow = typeof tickets.$inferSelect;
export type NewTicketRow = Omit<typeof tickets.$inferInsert, 'number' | 'search'>;

export interface TicketFilters {
  status?: string[];
  type?: string[];
  priority?: string[];
  channel?: string[];
  /** `null` selects unassigned tickets */
  assigneeId?: string | null;
  teamId?: string;
  customerId?: string;
  tag?: string;
  createdFrom?: Date;
  createdTo?: Date;
  /** `q`, planned (search/ticket-search) */
  search?: TicketSearch;
  sla?: 'breached' | 'at_risk' | 'active';
  /** The model was unsure and no person has corrected or confirmed the type yet (true), or the others (false). */
  needsReview?: boolean;
}

export interface RankPosition extends KeysetPosition {
  rank: number;
}

export interface DuePosition {
  dueAt: Date;
  id: string;
}

// Spelled out: inside these subqueries drizzle would print columns without their table.
const SLA_FILTERS = {
  breached: sql`EXISTS (SELECT 1 FROM sla_targets s WHERE s.ticket_id = tickets.id AND s.status = 'breached')`,
  at_risk: sql`EXISTS (SELECT 1 FROM sla_targets s WHERE s.ticket_id = tickets.id AND s.status = 'active' AND s.warn_at <= now())`,
  active: sql`EXISTS (SELECT 1 FROM sla_targets s WHERE s.ticket_id = tickets.id AND s.status = 'active')`,
} as const;

// An agent's type change is a correction row (tickets.service.ts): after it, a person has looked.
const NEEDS_REVIEW = sql`((tickets.classification->>'needsReview')::boolean IS TRUE AND tickets.type_reviewed_at IS NULL)`;

const tsvectorOf = (lexemes: string[]) => sql`array_to_tsvector(${sql.param(lexemes)}::text[])`;

/** Every column but the search vector, which is large and never leaves the database. */
const { search: _search, ...columns } = getTableColumns(tickets);

function conditions(filters: TicketFilters): SQL[] {
  const where: (SQL | undefined)[] = [
    filters.status ? inArray(tickets.status, filters.status as TicketRow['status'][]) : undefined,
    filters.type ? inArray(tickets.type, filters.type as NonNullable<TicketRow['type']>[]) : undefined,
    filters.priority ? inArray(tickets.priority, filters.priority as TicketRow['priority'][]) : undefined,
    filters.channel ? inArray(tickets.channel, filters.channel as TicketRow['channel'][]) : undefined,
    filters.assigneeId === null ? isNull(tickets.assigneeId) : filters.assigneeId ? eq(tickets.assigneeId, filters.assigneeId) : undefined,
    filters.teamId ? eq(tickets.teamId, filters.teamId) : undefined,
    filters.customerId ? eq(tickets.customerId, filters.customerId) : undefined,
    filters.tag ? arrayContains(tickets.tags, [filters.tag]) : undefined,
    filters.createdFrom ? gte(tickets.createdAt, filters.createdFrom) : undefined,
    filters.createdTo ? lt(tickets.createdAt, filters.createdTo) : undefined,
    filters.search ? searchCondition(filters.search) : undefined,
    filters.sla ? SLA_FILTERS[filters.sla] : undefined,
    filters.needsReview === undefined ? undefined : filters.needsReview ? NEEDS_REVIEW : sql`NOT ${NEEDS_REVIEW}`,
  ];
  return where.filter((c): c is SQL => c !== undefined);
}

export function createTicketRepository(db: Executor) {
  return {
    async insert(row: NewTicketRow, lexemes: string[]): Promise<TicketRow> {
      const [inserted] = await db
        .insert(tickets)
        .values({ ...row, search: tsvectorOf(lexemes) as unknown as string })
        .returning(columns);
      return inserted as TicketRow;
    },
    async findById(id: string, options: { forUpdate?: boolean } = {}): Promise<TicketRow | undefined> {
      const query = db.select(columns).from(tickets).where(eq(tickets.id, id)).limit(1);
      const [row] = options.forUpdate ? await query.for('update') : await query;
      return row as TicketRow | undefined;
    },
    /** The customer's ticket for this channel thread that a follow-up may still join. */
    async findOpenByThread(customerId: string, channel: TicketRow['channel'], threadId: string): Promise<TicketRow | undefined> {
      const [row] = await db
        .select(columns)
        .from(tickets)
        .where(and(eq(tickets.customerId, customerId), eq(tickets.channel, channel), eq(tickets.threadId, threadId), ne(tickets.status, 'closed')))
        .orderBy(desc(tickets.createdAt))
        .limit(1)
        .for('update');
      return row as TicketRow | undefined;
    },
    /**
     * Applies `set`, bumps the version and, for a new subject, replaces its search vector. With
     * `expectedVersion` it only updates that version (optimistic concurrency).
     */
    async update(
      id: string,
      set: Partial<NewTicketRow>,
      options: { expectedVersion?: number; subjectLexemes?: string[] } = {},
    ): Promise<TicketRow | undefined> {
      const [row] = await db
        .update(tickets)
        .set({
          ...set,
          version: sql`${tickets.version} + 1`,
          ...(options.subjectLexemes ? { search: tsvectorOf(options.subjectLexemes) as unknown as string } : {}),
        })
        .where(and(eq(tickets.id, id), options.expectedVersion === undefined ? undefined : eq(tickets.version, options.expectedVersion)))
        .returning(columns);
      return row as TicketRow | undefined;
    },
    async list(filters: TicketFilters, limit: number, after?: KeysetPosition): Promise<TicketRow[]> {
      const { search, ...rest } = filters;
      if (search?.common) {
        // Walk the newest tickets the other filters allow, probing each, a budget of them (search/ticket-search).
        const walked = db
          .select({ ...columns, search: tickets.search })
          .from(tickets)
          .where(and(...conditions(rest), afterPosition(tickets.createdAt, tickets.id, after)))
          .orderBy(desc(tickets.createdAt), desc(tickets.id))
          .limit(walkBudget(search, limit))
          .as('walked');
        const fields = Object.fromEntries(Object.keys(columns).map((key) => [key, walked[key as keyof typeof columns]])) as unknown as typeof columns;
        const found = await db
          .select(fields)
          .from(walked)
          .where(searchCondition(search, 'walked'))
          .orderBy(desc(walked.createdAt), desc(walked.id))
          .limit(limit);
        if (found.length >= limit) return found as unknown as TicketRow[];
        // Short of a page: rare together after all (or the last page): the GIN indexes find them all.
        filters = { ...rest, search: { ...search, common: false } };
      }
      const rows = await db
        .select(columns)
        .from(tickets)
        .where(and(...conditions(filters), afterPosition(tickets.createdAt, tickets.id, after)))
        .orderBy(desc(tickets.createdAt), desc(tickets.id))
        .limit(limit);
      return rows as TicketRow[];
    },
    /** Decides how `list` finds the matches of a tsquery (see search/ticket-search). */
    planSearch: (query: string) => planSearch(db, query),
    /**
     * Best match first (then newest), among the RELEVANCE_WINDOW newest matches; pages by
     * (rank, created_at, id), all descending.
     */
    async listByRelevance(filters: TicketFilters & { search: TicketSearch }, limit: number, after?: RankPosition): Promise<(TicketRow & { rank: number })[]> {
      const { search, ...rest } = filters;
      // The window: the newest matches, found by the walk (common) or by the GIN indexes (rare).
      const matches = search.common
        ? (() => {
            const walked = db
              .select({ ...columns, search: tickets.search })
              .from(tickets)
              .where(and(...conditions(rest)))
              .orderBy(desc(tickets.createdAt), desc(tickets.id))
              .limit(relevanceBudget(search))
              .as('walked');
            const fields = Object.fromEntries(Object.keys(columns).map((key) => [key, walked[key as keyof typeof columns]])) as unknown as typeof columns;
            return db
              .select({ ...fields, rank: rankOf(search, 'walked').as('rank') })
              .from(walked)
              .where(searchCondition(search, 'walked'))
              .orderBy(desc(walked.createdAt), desc(walked.id))
              .limit(RELEVANCE_WINDOW)
              .as('w');
          })()
        : db
            .select({ ...columns, rank: rankOf(search).as('rank') })
            .from(tickets)
            .where(and(...conditions(filters)))
            .orderBy(desc(tickets.createdAt), desc(tickets.id))
            .limit(RELEVANCE_WINDOW)
            .as('w');
      const rows = await db
        .select()
        .from(matches)
        .where(after ? sql`(${matches.rank}, ${matches.createdAt}, ${matches.id}) < (${after.rank}::real, ${after.createdAt.toISOString()}::timestamptz, ${after.id})` : undefined)
        .orderBy(desc(matches.rank), desc(matches.createdAt), desc(matches.id))
        .limit(limit);
      return rows as (TicketRow & { rank: number })[];
    },
    /** Each ticket's best-matching text, for highlights. */
    matchingTexts: (ticketIds: string[], search: TicketSearch) => matchingTexts(db, ticketIds, search),
    /** The queue by urgency: earliest running deadline first, then id. */
    async listByDue(filters: TicketFilters, limit: number, after?: DuePosition): Promise<(TicketRow & { nextDueAt: Date })[]> {
      const rows = await db
        .select({ ...columns, nextDueAt: ticketSlaDue.nextDueAt })
        .from(tickets)
        .innerJoin(ticketSlaDue, eq(ticketSlaDue.ticketId, tickets.id))
        .where(
          and(
            ...conditions(filters),
            // True of every ticket with a running deadline; spelled as the open-assigned partial
            // index's predicate, so an agent's queue reads their few open tickets, not all of theirs.
            sql`tickets.status NOT IN ('solved', 'closed')`,
            after
              ? or(gt(ticketSlaDue.nextDueAt, after.dueAt), and(eq(ticketSlaDue.nextDueAt, after.dueAt), gt(ticketSlaDue.ticketId, after.id)))
              : undefined,
          ),
        )
        .orderBy(asc(ticketSlaDue.nextDueAt), asc(ticketSlaDue.ticketId))
        .limit(limit);
      return rows as (TicketRow & { nextDueAt: Date })[];
    },
  };
}

export type TicketRepository = ReturnType<typeof createTicketRepository>;
