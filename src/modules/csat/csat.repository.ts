import { and, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { surveyResponses, surveys } from './csat.tables.ts';

export type SurveyRow = typeof surveys.$inferSelect;

export function createSurveyRepository(db: Executor) {
  return {
    async insert(row: typeof surveys.$inferInsert): Promise<SurveyRow | undefined> {
      const [inserted] = await db.insert(surveys).values(row).onConflictDoNothing().returning();
      return inserted;
    },
    async find(id: string, options: { forUpdate?: boolean } = {}): Promise<SurveyRow | undefined> {
      const query = db.select().from(surveys).where(eq(surveys.id, id));
      const [row] = options.forUpdate ? await query.for('update') : await query;
      return row;
    },
    async latestForTicket(ticketId: string): Promise<SurveyRow | undefined> {
      const [row] = await db.select().from(surveys).where(eq(surveys.ticketId, ticketId)).orderBy(desc(surveys.createdAt)).limit(1);
      return row;
    },
    async sentToCustomerSince(customerId: string, since: Date): Promise<boolean> {
      const rows = await db
        .select({ id: surveys.id })
        .from(surveys)
        .where(and(eq(surveys.customerId, customerId), inArray(surveys.status, ['scheduled', 'sent', 'answered']), gt(surveys.createdAt, since)))
        .limit(1);
      return rows.length > 0;
    },
    async cancelScheduled(ticketId: string, at: Date): Promise<SurveyRow[]> {
      return db
        .update(surveys)
        .set({ status: 'cancelled', updatedAt: at })
        .where(and(eq(surveys.ticketId, ticketId), eq(surveys.status, 'scheduled')))
        .returning();
    },
    /** Sends a due survey exactly once: later calls find it no longer scheduled. */
    async markSent(id: string, at: Date, expiresAt: Date): Promise<SurveyRow | undefined> {
      const [row] = await db
        .update(surveys)
        .set({ status: 'sent', sentAt: at, expiresAt, updatedAt: at })
        .where(and(eq(surveys.id, id), eq(surveys.status, 'scheduled'), lte(surveys.sendAt, at)))
        .returning();
      return row;
    },
    async answer(id: string, answer: { rating: number; comment: string | null; reasons: string[] }, at: Date, responseId: string): Promise<SurveyRow> {
      const [row] = await db
        .update(surveys)
        .set({ ...answer, status: 'answered', answeredAt: at, updatedAt: at })
        .where(eq(surveys.id, id))
        .returning();
      await db.insert(surveyResponses).values({ id: responseId, surveyId: id, ...answer, createdAt: at });
      return row!;
    },
    async expire(id: string, at: Date): Promise<void> {
      await db.update(surveys).set({ status: 'expired', updatedAt: at }).where(and(eq(surveys.id, id), eq(surveys.status, 'sent')));
    },
    async due(now: Date, limit: number): Promise<{ id: string; sendAt: Date }[]> {
      return db
        .select({ id: surveys.id, sendAt: surveys.sendAt })
        .from(surveys)
        .where(and(eq(surveys.status, 'scheduled'), lte(surveys.sendAt, now)))
        .orderBy(surveys.sendAt)
        .limit(limit);
    },
    async responsesOf(id: string) {
      return db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, id)).orderBy(surveyResponses.createdAt);
    },
    /** The SLA outcome of a ticket when it was solved: breached if any target was missed. */
    async slaOutcome(ticketId: string): Promise<'met' | 'breached' | 'none'> {
      const result = await db.execute<{ breached: boolean; any: boolean }>(
        sql`SELECT bool_or(status = 'breached') AS breached, count(*) > 0 AS any FROM sla_targets WHERE ticket_id = ${ticketId}`,
      );
      const row = result.rows[0];
      return !row?.any ? 'none' : row.breached ? 'breached' : 'met';
    },
  };
}

export type SurveyRepository = ReturnType<typeof createSurveyRepository>;
