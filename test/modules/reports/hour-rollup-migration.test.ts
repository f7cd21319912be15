import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { createHarness, type Harness } from '../../support/harness.ts';
import { dimCode, FACT_KINDS } from '../../../src/modules/reports/dimensions.ts';
import { rebuildRollups } from '../../../src/modules/reports/facts.apply.ts';

/**
 * Migration 0021 gives a database that already has facts the rollups of the grains it adds (UTC
 * hours; UTC days of the daily pairs) in one SQL statement: the running code never wrote them.
 * That statement must write exactly what the code writes: the same rows, sums and histograms as
 * a rebuild from the same facts.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const MIGRATION = new URL('../../../migrations/0021_report_hours_and_backlog_split.sql', import.meta.url);
const hourBackfill = () => {
  const statement = readFileSync(MIGRATION, 'utf8').split('--> statement-breakpoint').find((s) => s.includes('INSERT INTO "report_rollups"'));
  if (!statement) throw new Error('migration 0021 lost its hour backfill');
  return statement;
};

describe('migration 0021: new rollup grains of existing facts', () => {
  it('writes the hour and daily-pair rows a rebuild writes, to the bin', async () => {
    const db = h.container.db.db;
    let state = 7;
    const next = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return Math.floor((state / 2147483648) * n);
    };
    const kinds = [FACT_KINDS.created, FACT_KINDS.reply, FACT_KINDS.first_response, FACT_KINDS.resolution];
    const values = Array.from({ length: 3000 }, (_, i) => {
      const kind = kinds[next(kinds.length)]!;
      const timed = kind === FACT_KINDS.first_response || kind === FACT_KINDS.resolution;
      const ms = timed ? (next(4) === 0 ? next(1000) : next(40_000_000)) : null;
      const at = new Date(Date.parse('2026-03-27T00:00:00Z') + next(4 * 86_400) * 1000).toISOString();
      return sql`(${i + 1}, ${kind}, 1, ${at}::timestamptz, ${next(4)}, ${1 + next(5)}, ${1 + next(4)}, ${next(3)}, ${next(3)}, ${next(6)}, ${timed ? 1 + next(3) : 0}, 0, ${ms}::bigint, ${ms === null ? null : Math.floor(ms / 3)}::bigint)`;
    });
    await db.execute(sql`INSERT INTO report_facts (ticket_no, kind, ord, at, type, channel, priority, language, team, agent, outcome, detail, calendar_ms, business_ms) VALUES ${sql.join(values, sql`, `)}`);
    await rebuildRollups(db);
    const added = sql`grain = 0 OR (grain = 1 AND dim IN (${dimCode(['type', 'team'])}, ${dimCode(['type', 'agent'])}))`;
    const hours = async () =>
      (await db.execute<Record<string, unknown>>(sql`SELECT * FROM report_rollups WHERE ${added} ORDER BY grain, kind, dim, slot, value, outcome, detail`)).rows.map((r) => JSON.stringify(r));
    const rebuilt = await hours();
    expect(rebuilt.filter((r) => r.startsWith('{"grain":0')).length).toBeGreaterThan(1000);
    expect(rebuilt.filter((r) => r.startsWith('{"grain":1')).length).toBeGreaterThan(100);

    await db.execute(sql`DELETE FROM report_rollups WHERE ${added}`);
    await db.execute(sql.raw(hourBackfill()));
    expect(await hours()).toEqual(rebuilt);
  });
});
