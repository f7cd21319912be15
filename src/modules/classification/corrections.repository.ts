import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { newId } from '../../shared/ids.ts';
import { tickets } from '../tickets/tickets.table.ts';
import { classificationCorrections } from './corrections.table.ts';

export type CorrectionRow = typeof classificationCorrections.$inferSelect;

import type { Period } from '../reports/period.ts';

export function createCorrectionRepository(db: Executor) {
  return {
    async record(row: Omit<typeof classificationCorrections.$inferInsert, 'id'>): Promise<void> {
      await db.insert(classificationCorrections).values({ id: newId('correction', row.createdAt.getTime()), ...row });
    },

    /** Corrections in the period with the text the model saw (subject and first message). */
    async export(period: Period) {
      return db
        .select({
          ticketId: classificationCorrections.ticketId,
          subject: tickets.subject,
          body: sql<string>`(SELECT m.body FROM messages m WHERE m.ticket_id = tickets.id ORDER BY m.created_at, m.id LIMIT 1)`,
          modelType: classificationCorrections.modelType,
          modelVersion: classificationCorrections.modelVersion,
          modelConfidence: classificationCorrections.modelConfidence,
          agentType: classificationCorrections.agentType,
          actorType: classificationCorrections.actorType,
          actorId: classificationCorrections.actorId,
          language: sql<string>`${tickets.classification}->>'language'`,
          createdAt: classificationCorrections.createdAt,
        })
        .from(classificationCorrections)
        .innerJoin(tickets, eq(tickets.id, classificationCorrections.ticketId))
        .where(and(gte(classificationCorrections.createdAt, period.from), lt(classificationCorrections.createdAt, period.to)))
        .orderBy(asc(classificationCorrections.createdAt));
    },
  };
}

export type CorrectionRepository = ReturnType<typeof createCorrectionRepository>;
