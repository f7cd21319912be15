import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { createHarness, type Harness } from '../../support/harness.ts';
import * as schema from '../../../src/db/schema.ts';
import type { Executor } from '../../../src/db/client.ts';
import { queryExpression } from '../../../src/modules/search/search-tokens.ts';
import { createTicketRepository, type TicketFilters } from '../../../src/modules/tickets/tickets.repository.ts';

/**
 * The ticket lists stay answerable from their indexes: each query, as the repository builds it,
 * is explained (a client that prefixes EXPLAIN and returns no rows) and its plan must reach the
 * index it was written for. Sequential scans are off so a tiny test table does not hide a query no
 * index could serve; on the 1,000,000-ticket history the planner picks these by itself (README,
 * "Lists and search at volume").
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

type PlanNode = { 'Node Type': string; 'Index Name'?: string; 'Relation Name'?: string; Plans?: PlanNode[] };
const walk = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(walk)];

async function planOf(query: (repo: ReturnType<typeof createTicketRepository>) => Promise<unknown>): Promise<PlanNode[]> {
  const nodes: PlanNode[] = [];
  const client = await h.container.db.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL enable_seqscan = off');
    const explaining = {
      query: async (config: string | pg.QueryConfig, values?: unknown[]) => {
        const text = typeof config === 'string' ? config : config.text;
        const params = typeof config === 'string' ? values : (config.values ?? values);
        const { rows } = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${text}`, params as unknown[]);
        nodes.push(...walk(rows[0]!['QUERY PLAN'][0]!.Plan));
        return { rows: [], fields: [], command: 'SELECT', rowCount: 0 };
      },
    };
    await query(createTicketRepository(drizzle(explaining as unknown as pg.PoolClient, { schema, casing: 'snake_case' }) as unknown as Executor));
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
  return nodes;
}
const indexes = (nodes: PlanNode[]) => nodes.map((n) => n['Index Name']).filter(Boolean);
const seqScans = (nodes: PlanNode[]) => nodes.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']);
const after = { createdAt: new Date('2026-03-01T00:00:00Z'), id: 'tkt_x' };

describe('ticket list query plans', () => {
  const lists: [string, TicketFilters, string][] = [
    ['by status', { status: ['open'] }, 'tickets_status_idx'],
    ['an agent\'s', { assigneeId: 'agt_x' }, 'tickets_assignee_idx'],
    // (An agent's open ones: the planner's pick between this and tickets_open_assignee_idx.)
    ['unassigned', { assigneeId: null }, 'tickets_assignee_idx'],
    ['a customer\'s', { customerId: 'cus_x' }, 'tickets_customer_idx'],
    ['by type and channel (newest first, filtered)', { type: ['complaint'], channel: ['weibo'] }, 'tickets_created_idx'],
  ];
  for (const [name, filters, index] of lists) {
    it(`${name}: ${index}, also on a deep keyset page`, async () => {
      for (const position of [undefined, after]) {
        const nodes = await planOf((repo) => repo.list(filters, 51, position));
        expect(indexes(nodes)).toContain(index);
        expect(seqScans(nodes)).toEqual([]);
      }
    });
  }

  it('the due queue walks ticket_sla_due_next_idx', async () => {
    const nodes = await planOf((repo) => repo.listByDue({}, 51, { dueAt: new Date(), id: 'tkt_x' }));
    expect(indexes(nodes)).toContain('ticket_sla_due_next_idx');
    expect(seqScans(nodes)).toEqual([]);
  });

  const query = queryExpression('退款 refund')!;
  it('a rare q: every match from the GIN indexes of messages and subjects, then the tickets by key', async () => {
    const nodes = await planOf((repo) => repo.list({ search: { query, common: false } }, 51));
    expect(indexes(nodes)).toEqual(expect.arrayContaining(['messages_search_idx', 'tickets_search_idx', 'tickets_pkey']));
    expect(seqScans(nodes)).toEqual([]);
  });

  it('a common q: the list\'s own index, each ticket\'s messages probed through messages_ticket_idx', async () => {
    for (const [filters, index] of [[{}, 'tickets_created_idx'], [{ status: ['open'] }, 'tickets_status_idx']] as [TicketFilters, string][]) {
      const nodes = await planOf((repo) => repo.list({ ...filters, search: { query, common: true } }, 51));
      expect(indexes(nodes)).toEqual(expect.arrayContaining([index, 'messages_ticket_idx']));
      expect(seqScans(nodes)).toEqual([]);
    }
  });

  it('relevance ranks a window of matches found the same ways', async () => {
    for (const common of [false, true]) {
      const nodes = await planOf((repo) => repo.listByRelevance({ search: { query, common } }, 51, { rank: 0.1, ...after }));
      expect(indexes(nodes)).toContain(common ? 'tickets_created_idx' : 'messages_search_idx');
      expect(seqScans(nodes)).toEqual([]);
    }
  });
});
