import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { Database } from '../../db/client.ts';
import type { KeysetPosition } from '../../db/keyset.ts';
import { conflict, notFound, preconditionFailed, unprocessable } from '../../http/problem.ts';
import { createAgentRepository, type AgentRow } from './agents.repository.ts';
import type { TeamRepository } from '../teams/teams.repository.ts';
import { hashPassword } from './passwords.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { Principal } from '../auth/scopes.ts';
import { assertMayChangeAgent, assertMayGrant, roleScopes } from '../auth/grants.ts';
import { createSessionRepository } from '../auth/sessions.repository.ts';
import type { SignInThrottleRepository } from '../auth/sign-in-throttle.repository.ts';
import { throttleKeyOf } from '../auth/sign-in-throttle.ts';

export const agentNotFound = (id: string) => notFound('agents', `No agent ${id}`);
const emailTaken = () => conflict('agents.email_taken', 'An agent with that email exists');
const unknownTeam = (id: string) => unprocessable('agents.unknown_team', `No team ${id}`, [{ path: 'body.teamId', message: 'does not exist' }]);

/** An agent as the API shows it: the row and whether sign-in is locked for them now. */
export type AgentView = AgentRow & { signInLockedUntil: Date | null };

/** Who is changing agents: what they may do, and which agent and session they are, if any. */
export type AgentEditor = Pick<Principal, 'scopes' | 'agentId' | 'sessionId'>;

type AgentPatch = {
  name?: string | undefined;
  role?: AgentRow['role'] | undefined;
  teamId?: string | null | undefined;
  active?: boolean | undefined;
  status?: AgentRow['status'] | undefined;
  loadCap?: number | null | undefined;
  password?: string | undefined;
  signInLockedUntil?: null | undefined;
};

export function createAgentService(deps: {
  db: Database;
  teams: Pick<TeamRepository, 'findById'>;
  throttles: Pick<SignInThrottleRepository, 'lockedUntil' | 'clear'>;
  clock: Clock;
  /** After a change to who an agent is or what they may do: caches of sessions and keys re-read at once. */
  onAccessChanged?: () => void;
}) {
  const { db, teams, throttles, clock } = deps;
  const agents = createAgentRepository(db);

  async function checkTeam(teamId: string | null | undefined) {
    if (teamId && !(await teams.findById(teamId))) throw unknownTeam(teamId);
  }

  async function withLocks(rows: AgentRow[]): Promise<AgentView[]> {
    const locks = await throttles.lockedUntil(rows.map((row) => throttleKeyOf(row.email)), clock.now());
    return rows.map((row) => ({ ...row, signInLockedUntil: locks.get(throttleKeyOf(row.email)) ?? null }));
  }
  const withLock = async (row: AgentRow) => (await withLocks([row]))[0]!;

  return {
    /**
     * The first start's way into the helpdesk: when no agent exists at all, one admin agent is
     * created with a generated password, for the caller to print once. Never again after that,
     * however many processes start together (an advisory lock), and never over existing agents.
     */
    async ensureFirstAdmin(email: string): Promise<{ email: string; password: string } | null> {
      return db.transaction(async (tx) => {
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended('agents.first_admin', 0))`);
        const repository = createAgentRepository(tx);
        if ((await repository.list(1)).length > 0) return null;
        const password = randomBytes(12).toString('base64url');
        const at = clock.now();
        await repository.insert({
          id: newId('agent', at.getTime()),
          name: 'Administrator',
          email,
          role: 'admin',
          teamId: null,
          passwordHash: await hashPassword(password),
          createdAt: at,
          updatedAt: at,
        });
        return { email, password };
      });
    },

    async create(
      input: { name: string; email: string; role: AgentRow['role']; teamId?: string | null | undefined; password: string },
      editor: AgentEditor,
    ): Promise<AgentView> {
      assertMayGrant(editor, roleScopes(input.role), `the role '${input.role}'`);
      await checkTeam(input.teamId);
      const at = clock.now();
      const row = await agents
        .insert({
          id: newId('agent', at.getTime()),
          name: input.name,
          email: input.email.trim().toLowerCase(),
          role: input.role,
          teamId: input.teamId ?? null,
          passwordHash: await hashPassword(input.password),
          createdAt: at,
          updatedAt: at,
        })
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? emailTaken() : error;
        });
      return withLock(row);
    },

    async get(id: string): Promise<AgentView> {
      const row = await agents.findById(id);
      if (!row) throw agentNotFound(id);
      return withLock(row);
    },

    /** An agent's own availability: no grant rule applies (it changes nothing about what anyone may do). */
    async setOwnStatus(id: string, status: AgentRow['status']): Promise<AgentView> {
      const row = await agents.update(id, { status, updatedAt: clock.now() });
      if (!row) throw agentNotFound(id);
      return withLock(row);
    },

    /** A page of agents, each with their open tickets when they have a load cap (what the desk shows beside the cap). */
    async list(limit: number, after?: KeysetPosition, teamId?: string): Promise<(AgentView & { openTickets: number | null })[]> {
      const rows = await withLocks(await agents.list(limit, after, teamId));
      const counts = await agents.openTicketCounts(rows.filter((row) => row.loadCap !== null).map((row) => row.id));
      return rows.map((row) => ({ ...row, openTickets: row.loadCap === null ? null : (counts.get(row.id) ?? 0) }));
    },

    /**
     * Only an editor holding every scope of the agent's role changes them at all, and a new role
     * only within the editor's own scopes. A new password or a deactivation ends the agent's
     * sessions in the same transaction; an agent changing their own password keeps the session
     * they did it from. A new password, or `signInLockedUntil: null`, unlocks sign-in.
     */
    async update(id: string, patch: AgentPatch, expectedVersion: number | undefined, editor: AgentEditor): Promise<AgentView> {
      await checkTeam(patch.teamId);
      const { password, signInLockedUntil, ...rest } = patch;
      const at = clock.now();
      let passwordHash: string | undefined;
      const row = await db.transaction(async (tx) => {
        const repository = createAgentRepository(tx);
        const current = await repository.findById(id, { forUpdate: true });
        if (!current) throw agentNotFound(id);
        assertMayChangeAgent(editor, current.role);
        if (rest.role) assertMayGrant(editor, roleScopes(rest.role), `the role '${rest.role}'`);
        // Hashed only once allowed: a refused caller does not get to spend our Argon2 time.
        passwordHash = password ? await hashPassword(password) : undefined;
        const updated = await repository.update(id, { ...rest, ...(passwordHash ? { passwordHash } : {}), updatedAt: at }, expectedVersion);
        if (!updated) throw preconditionFailed();
        const deactivated = rest.active === false && current.active;
        if (passwordHash || deactivated) {
          const keep = passwordHash && !deactivated && editor.agentId === id ? editor.sessionId : undefined;
          await createSessionRepository(tx).revokeAllOf(id, at, keep);
        }
        return updated;
      });
      if (passwordHash || signInLockedUntil === null) await throttles.clear(throttleKeyOf(row.email));
      if (passwordHash || rest.active !== undefined || rest.role !== undefined) deps.onAccessChanged?.();
      return withLock(row);
    },
  };
}

export type AgentService = ReturnType<typeof createAgentService>;
