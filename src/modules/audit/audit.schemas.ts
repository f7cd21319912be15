import { z } from 'zod';
import { Timestamp } from '../../http/common.schemas.ts';
import { PageQuerySchema } from '../../http/pagination.ts';

const Word = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export const AuditListQuerySchema = PageQuerySchema.extend({
  actor: z
    .string()
    .max(64)
    .regex(/^(system|[a-z]+_[0-9a-z]+)$/, 'an agent id, a key id, or `system`')
    .optional()
    .describe('An agent id (by helpdesk session or a key acting for them), an API key id, or `system`'),
  action: z
    .string()
    .max(500)
    .regex(/^[a-z0-9][a-z0-9._-]{0,63}(,[a-z0-9][a-z0-9._-]{0,63})*$/, 'comma-separated action names')
    .transform((raw) => raw.split(','))
    .optional()
    .describe('Comma-separated action names: `customers.read`, `customers.update`, `tickets.messages.create` …'),
  resource: z.string().regex(Word, 'a resource family such as `customers`').optional().describe('The resource family: `customers`, `tickets`, `api-keys` …'),
  resourceId: z.string().max(64).optional().describe('One resource (with or without `resource`)'),
  from: Timestamp.optional().describe('At or after'),
  to: Timestamp.optional().describe('Before'),
});

export const AuditRecordSchema = z
  .object({
    id: z.string(),
    at: z.string().describe('When the request was recorded (a change: before it ran)'),
    actor: z.object({
      type: z.enum(['api_key', 'agent', 'system']),
      id: z.string().nullable().describe('The agent for `agent`, the key for `api_key`, null for `system`'),
      apiKeyId: z.string().nullable().describe('The key the request came with (a helpdesk session has none)'),
    }),
    kind: z.enum(['read', 'create', 'update', 'delete']),
    action: z.string(),
    resource: z.string(),
    resourceId: z.string().nullable().describe('Null for a list, or a create that made nothing'),
    method: z.string().nullable(),
    route: z.string().nullable().describe('The route pattern, never the URL with its query'),
    status: z.number().int().nullable().describe('The HTTP status answered; null: the change had not answered when the process stopped'),
    ip: z.string().nullable(),
    userAgent: z.string().nullable().describe('Product tokens only (`curl/8.5.0`): no device or system details'),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditRecord' });
