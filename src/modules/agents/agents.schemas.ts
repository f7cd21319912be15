import { z } from 'zod';
import { Timestamp, trimmed } from '../../http/common.schemas.ts';
import { PageQuerySchema } from '../../http/pagination.ts';

export const AgentRoleSchema = z.enum(['admin', 'lead', 'agent']).meta({ id: 'AgentRole' });

export const AgentStatusSchema = z
  .enum(['available', 'away'])
  .describe('Round-robin routing gives tickets only to available agents')
  .meta({ id: 'AgentStatus' });

const LoadCap = z.number().int().min(1).max(10_000).describe('Round-robin routing skips the agent while they have this many open tickets; null: no cap');

export const AgentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: AgentRoleSchema,
    teamId: z.string().nullable(),
    active: z.boolean(),
    status: AgentStatusSchema,
    loadCap: LoadCap.nullable(),
    openTickets: z
      .number()
      .int()
      .nullable()
      .optional()
      .describe('In lists: the open tickets (not solved or closed) assigned to them, what the load cap is measured against; counted only for agents with a cap (null otherwise)'),
    signInLockedUntil: Timestamp.nullable().describe('Sign-in is locked until then after too many wrong passwords; PATCH it to null to unlock'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'Agent', description: 'An agent of the helpdesk' });

const Password = z.string().min(10, 'at least 10 characters').max(200).describe('For signing in to the helpdesk; stored as an Argon2id hash');

export const CreateAgentSchema = z
  .object({
    name: trimmed(200),
    email: z.email().max(320),
    role: AgentRoleSchema.default('agent'),
    teamId: z.string().max(64).nullable().optional(),
    password: Password,
  })
  .meta({ id: 'CreateAgent' });

export const UpdateAgentSchema = z
  .object({
    name: trimmed(200).optional(),
    role: AgentRoleSchema.optional(),
    teamId: z.string().max(64).nullable().optional(),
    active: z.boolean().optional(),
    status: AgentStatusSchema.optional(),
    loadCap: LoadCap.nullable().optional(),
    password: Password.optional().describe('A new password ends every helpdesk session of the agent (but the one making the change, when it is theirs) and unlocks sign-in'),
    signInLockedUntil: z.null().optional().describe('`null` unlocks sign-in now (after too many wrong passwords)'),
  })
  .strict()
  .meta({ id: 'UpdateAgent' });

/** What an agent changes about themselves, through their session or a key acting for them. */
export const UpdateOwnAgentSchema = z.object({ status: AgentStatusSchema }).strict().meta({ id: 'UpdateOwnAgent' });

export const AgentListQuerySchema = PageQuerySchema.extend({ teamId: z.string().max(64).optional() });
