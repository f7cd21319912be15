import { z } from 'zod';
import { Timestamp, trimmed } from '../../http/common.schemas.ts';

export const TeamSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'Team', description: 'A team of agents' });

export const CreateTeamSchema = z
  .object({ name: trimmed(100), description: trimmed(1000).optional() })
  .meta({ id: 'CreateTeam' });

export const UpdateTeamSchema = z
  .object({ name: trimmed(100).optional(), description: trimmed(1000).nullable().optional() })
  .strict()
  .meta({ id: 'UpdateTeam' });
