import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { createHarness, type Harness } from '../../support/harness.ts';
import type { Executor } from '../../../src/db/client.ts';
import { bucketsOf } from '../../../src/modules/reports/buckets.ts';
import { countFacts } from '../../../src/modules/reports/counts.queries.ts';
import { slaTimes } from '../../../src/modules/reports/times.queries.ts';
import { backlogAt } from '../../../src/modules/reports/backlog.queries.ts';

/**
 * The report queries stay answerable from their indexes: each one, as the report builds it, is
 * explained and its plan must reach the index it was written for. Sequential scans are switched
 * off so a tiny test table does not hide a query that no index could serve (on the 1,000,000-
 * ticket history the planner picks these by itself: README, "Reports at volume").
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

type PlanNode = { 'Node Type': string; 'Index Name'?: string; 'Relation Name'?: string; Plans?: PlanNode[] };
const walk = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(walk)];

/** Runs `query` with an executor that explains instead of executing, and returns the plan's nodes. */
async function planOf(query: (db: Executor) => Promise<unknown>): Promise<PlanNode[]> {
  const nodes: PlanNode[] = [];
  await h.container.db.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL enable_seqscan = off`);
    // One statement at a time: the reports run theirs in parallel, and a transaction is one connection.
    let queue: Promise<unknown> = Promise.resolve();
    const explain = async (statement: SQL) => {
      const { rows } = await tx.execute<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(sql`EXPLAIN (FORMAT JSON) ${statement}`);
      nodes.push(...walk(rows[0]!['QUERY PLAN'][0]!.Plan));
      return { rows: [] };
    };
    const explaining = {
      execute: (statement: SQL) => {
        const run = queue.then(() => explain(statement));
        queue = run.catch(() => undefined);
        return run;
      },
    } as unknown as Executor;
    await query(explaining);
  });
  return nodes;
}
const indexes = (nodes: PlanNode[]) => nodes.map((n) => n['Index Name']).filter(Boolean);
const seqScans = (nodes: PlanNode[]) => nodes.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']);

const month = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };

describe('report query plans', () => {
  it('counts: whole UTC hours, days and months from the rollups by their key, half-hour fringes from the facts by (kind, at)', async () => {
    const local = await planOf((db) => countFacts(db, { kinds: ['created'], buckets: bucketsOf(month, 'Asia/Shanghai', 'day'), filters: {}, sets: [['bucket', 'kind']] }));
    // a Shanghai day is 24 whole UTC hours: no fact is read
    expect(indexes(local)).toContain('report_rollups_pkey');
    expect(indexes(local)).not.toContain('report_facts_kind_at_idx');
    expect(seqScans(local)).toEqual([]);
    const half = await planOf((db) => countFacts(db, { kinds: ['created'], buckets: bucketsOf(month, 'Asia/Kolkata', 'day'), filters: {}, sets: [['bucket', 'kind']] }));
    expect(indexes(half)).toContain('report_rollups_pkey');
    expect(indexes(half)).toContain('report_facts_kind_at_idx');
    expect(seqScans(half)).toEqual([]);
    const utc = await planOf((db) => countFacts(db, { kinds: ['created'], buckets: bucketsOf(month, 'UTC', 'week'), filters: {}, sets: [['bucket', 'kind']] }));
    expect(indexes(utc)).toContain('report_rollups_pkey');
  });

  it('an agent or a team filter across another dimension reads the facts through an index', async () => {
    // Which one is the planner's call by selectivity: on the million-ticket history an agent's
    // month is report_facts_agent_idx (README); on a test table the covering (kind, at) index wins.
    const agent = await planOf((db) => countFacts(db, { kinds: ['solved'], buckets: bucketsOf(month, 'Asia/Shanghai', 'day'), filters: { agent: [7], channel: [1] }, sets: [['bucket', 'kind']] }));
    expect(indexes(agent).filter((name) => name?.startsWith('report_facts_')).length).toBeGreaterThan(0);
    expect(seqScans(agent)).toEqual([]);
    const team = await planOf((db) => countFacts(db, { kinds: ['reply'], buckets: bucketsOf(month, 'Asia/Shanghai', 'day'), filters: { team: [3], type: [1] }, sets: [['bucket', 'kind']] }));
    expect(seqScans(team)).toEqual([]);
  });

  it('percentiles read the histograms of the rollups and the facts of the rest by (kind, at)', async () => {
    const nodes = await planOf((db) => slaTimes(db, { buckets: bucketsOf(month, 'Asia/Kolkata', 'day'), metrics: ['first_response', 'resolution'], filters: {}, sets: [[], ['bucket']] }));
    expect(indexes(nodes)).toContain('report_facts_kind_at_idx');
    expect(indexes(nodes)).toContain('report_rollups_pkey');
    expect(seqScans(nodes)).toEqual([]);
  });

  it('the backlog: stretches that ended through the partial GiST index on their range, running ones through the covering partial index on their start', async () => {
    const nodes = await planOf((db) => backlogAt(db, { instants: bucketsOf(month, 'UTC', 'day').map((b) => b.end), filters: {} }));
    expect(indexes(nodes)).toContain('report_spans_ended_idx');
    expect(indexes(nodes)).toContain('report_spans_running_idx');
    expect(seqScans(nodes)).toEqual([]);
  });
});
