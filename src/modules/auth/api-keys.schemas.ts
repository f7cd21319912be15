import { z } from 'zod';
import { Timestamp, trimmed } from '../../http/common.schemas.ts';
import { ScopeSchema } from './scopes.ts';

export const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    hint: z.string().describe('`…` and the last 4 characters of the key, to tell keys apart'),
    scopes: z.array(z.string()),
    agentId: z.string().nullable().describe('The agent this key acts for, if any'),
    rateLimitPerMinute: z.number().int().nullable().describe("Requests per minute allowed to this key; null: the deployment's default"),
    createdAt: Timestamp,
    expiresAt: Timestamp.nullable(),
    revokedAt: Timestamp.nullable(),
  })
  .meta({ id: 'ApiKey', description: 'An API key as stored: its hint and scopes, never the secret' });

export const CreateApiKeySchema = z
  .object({
    name: trimmed(100),
    scopes: z.array(ScopeSchema).min(1).max(20),
    agentId: z.string().max(64).nullable().optional(),
    rateLimitPerMinute: z.number().int().min(1).max(1_000_000).nullable().optional().describe("Overrides the deployment's per-key limit (RATE_LIMIT_PER_MINUTE)"),
    // A key born expired is a mistake (a wrong year, a local time read as UTC), never intended.
    expiresAt: Timestamp.refine((value) => Date.parse(value) > Date.now(), 'must be in the future').optional(),
  })
  .meta({ id: 'CreateApiKey' });

export const CreatedApiKeySchema = z
  .object({
    apiKey: ApiKeySchema,
    secret: z.string().describe('The key itself: shown this once, stored only as a hash'),
  })
  .meta({ id: 'CreatedApiKey', description: 'The new key, with its secret shown this once' });
