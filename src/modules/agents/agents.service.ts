import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { KeysetPosition } from '../../db/keyset.ts';
import { conflict, notFound, preconditionFailed, unprocessable } from '../../http/problem.ts';
import type { AgentRepository, AgentRow } from './agents.repository.ts';
import type { TeamRepository } from '../teams/teams.repository.ts';
import { hashPassword } from './passwords.ts';
import { isUniqueViolation } from '../../db/errors.ts';

export const agentNotFound = (id: string) => notFound('agents', `No agent ${id}`);
const emailTaken = () => conflict('agents.email_taken', 'An agent with that email exists');
const unknownTeam = (id: string) => unprocessable('agents.unknown_team', `No team ${id}`, [{ path: 'body.teamId', message: 'does not exist' }]);

export function createAgentService(deps: { agents: AgentRepository; teams: Pick<TeamRepository, 'findById'>; clock: Clock }) {
  const { agents, teams, clock } = deps;

  async function checkTeam(teamId: string | null | undefined) {
    if (teamId && !(await teams.findById(teamId))) throw unknownTeam(teamId);
  }

  return {
    async create(input: { name: string; email: string; role: AgentRow['role']; teamId?: string | null | undefined; password: string }) {
      await checkTeam(input.teamId);
      const at = clock.now();
      return agents
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
    },
    async get(id: string) {
      const row = await agents.findById(id);
      if (!row) throw agentNotFound(id);
      return row;
    },
    list: (limit: number, after?: KeysetPosition, teamId?: string) => agents.list(limit, after, teamId),
    async update(
      id: string,
      patch: { name?: string | undefined; role?: AgentRow['role'] | undefined; teamId?: string | null | undefined; active?: boolean | undefined; password?: string | undefined },
      expectedVersion?: number,
    ) {
      await checkTeam(patch.teamId);
      const { password, ...rest } = patch;
      const row = await agents.update(
        id,
        { ...rest, ...(password ? { passwordHash: await hashPassword(password) } : {}), updatedAt: clock.now() },
        expectedVersion,
      );
      if (!row) {
        if (await agents.findById(id)) throw preconditionFailed();
        throw agentNotFound(id);
      }
      return row;
    },
  };
}

export type AgentService = ReturnType<typeof createAgentService>;
