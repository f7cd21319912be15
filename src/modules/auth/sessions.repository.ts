import { and, eq, isNull, lt, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { agents } from '../agents/agents.table.ts';
import { agentSessions } from './sessions.table.ts';

export type SessionRow = typeof agentSessions.$inferSelect;

/** The agent fields a session needs: who is signed in and what their role lets them do. */
const agentColumns = {
  id: agents.id,
  name: agents.name,
  email: agents.email,
  role: agents.role,
  teamId: agents.teamId,
  active: agents.active,
};

export interface SessionWithAgent {
  session: SessionRow;
  agent: { id: string; name: string; email: string; role: 'admin' | 'lead' | 'agent'; teamId: string | null; active: boolean };
}

export function createSessionRepository(db: Executor) {
  return {
    async insert(row: typeof agentSessions.$inferInsert): Promise<SessionRow> {
      const [inserted] = await db.insert(agentSessions).values(row).returning();
      return inserted!;
    },
    async findByTokenHash(tokenHash: string): Promise<SessionWithAgent | undefined> {
      const [row] = await db
        .select({ session: agentSessions, agent: agentColumns })
        .from(agentSessions)
        .innerJoin(agents, eq(agents.id, agentSessions.agentId))
        .where(eq(agentSessions.tokenHash, tokenHash))
        .limit(1);
      return row;
    },
    async revoke(tokenHash: string, at: Date): Promise<SessionRow | undefined> {
      const [row] = await db
        .update(agentSessions)
        .set({ revokedAt: at })
        .where(and(eq(agentSessions.tokenHash, tokenHash), isNull(agentSessions.revokedAt)))
        .returning();
      return row;
    },
    /** Ends every live session of an agent (a new password, a deactivation), but `exceptId`'s. */
    async revokeAllOf(agentId: string, at: Date, exceptId?: string): Promise<number> {
      const revoked = await db
        .update(agentSessions)
        .set({ revokedAt: at })
        .where(and(eq(agentSessions.agentId, agentId), isNull(agentSessions.revokedAt), exceptId ? ne(agentSessions.id, exceptId) : undefined))
        .returning({ id: agentSessions.id });
      return revoked.length;
    },
    /** For housekeeping: sessions past their end are only history. */
    async purgeExpired(before: Date): Promise<number> {
      const deleted = await db.delete(agentSessions).where(lt(agentSessions.expiresAt, before)).returning({ id: agentSessions.id });
      return deleted.length;
    },
  };
}

export type SessionRepository = ReturnType<typeof createSessionRepository>;
