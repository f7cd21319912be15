import { z } from 'zod';
import { Timestamp } from '../../http/common.schemas.ts';
import { AgentSchema } from '../agents/agents.schemas.ts';

export const SignInSchema = z
  .object({
    // Not z.email(): a malformed address gets the same 401 as any other wrong one.
    email: z.string().trim().min(1).max(320),
    password: z.string().min(1).max(200),
  })
  .meta({ id: 'SignIn' });

export const SessionAgentSchema = AgentSchema.pick({ id: true, name: true, email: true, role: true, teamId: true }).meta({ id: 'SessionAgent' });

export const SessionSchema = z
  .object({
    agent: SessionAgentSchema,
    expiresAt: Timestamp.describe('The session ends 12 hours after sign-in (a fixed lifetime, not sliding)'),
  })
  .meta({ id: 'Session', description: 'A signed-in helpdesk agent; the session itself is the HttpOnly `desk_session` cookie' });

export const CsrfHeaders = z.object({
  'x-requested-with': z.string().max(32).optional().describe('`desk`: required on writes authenticated by the session cookie'),
});
