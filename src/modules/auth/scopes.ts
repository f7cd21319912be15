import { z } from 'zod';

/** What a key may do. `admin` implies every other scope. */
export const SCOPES = [
  'admin',
  'inquiries:write',
  'tickets:read',
  'tickets:write',
  'customers:read',
  'customers:write',
  /** Export everything held about a customer (GET /v1/customers/{id}/export): the privacy officer's, not an agent's. */
  'customers:export',
  /** Erase a customer (DELETE /v1/customers/{id}): irreversible, so apart from customers:write. */
  'customers:erase',
  'agents:read',
  'agents:write',
  'classify',
  'reports:read',
  'exports:read',
  'settings:write',
  /** The change feed (`GET /v1/events`): every event, with its ids and codes (not the customers' words). */
  'events:read',
  /** Read survey links (token, URL) to deliver them to customers: the channel connector, not agents. */
  'surveys:deliver',
  /** Webhook endpoints and their delivery log. */
  'webhooks:read',
  /** Register, change, rotate and delete webhook endpoints (a new secret is in the answer). */
  'webhooks:write',
  /** Acknowledge and resolve crisis alerts (reading them is `reports:read`): team leads have it. */
  'alerts:write',
  /** Routing rules and their dry run. */
  'routing:read',
  /** Create, change and delete routing rules: team leads have it. */
  'routing:write',
  /** Read macros (canned replies); applying one to a ticket is `tickets:write`. */
  'macros:read',
  /** Create, change and delete macros: team leads have it. */
  'macros:write',
  /** Publish a resolution note of a suggestion or complaint on the public outcomes feed: team leads have it. */
  'outcomes:write',
  /** The audit log (`GET /v1/audit-log`): who read or changed what. Admins only by default (no role but admin holds it). */
  'audit:read',
  /** The Prometheus figures (`GET /metrics`): for the scraper's key, no personal data in them. */
  'metrics:read',
] as const;

export type Scope = (typeof SCOPES)[number];

export const ScopeSchema = z.enum(SCOPES).meta({ id: 'Scope', description: 'A permission an API key carries; `admin` implies all' });

export function hasScope(granted: readonly string[], needed: Scope): boolean {
  return granted.includes('admin') || granted.includes(needed);
}

/** Who is acting: an API key (possibly on behalf of an agent) or a signed-in agent. */
export interface Principal {
  kind: 'api_key' | 'agent';
  /** The key id or the agent id; idempotency records and audit events are scoped to it. */
  id: string;
  agentId: string | null;
  scopes: readonly string[];
  /** The helpdesk session this request came with, when it came with one. */
  sessionId?: string;
  /** This key's own request limit per minute, when it has one. */
  rateLimitPerMinute?: number | null;
}

/** What a signed-in helpdesk agent may do, by role (API keys carry their own scopes instead). */
export const ROLE_SCOPES: Record<'admin' | 'lead' | 'agent', readonly Scope[]> = {
  agent: ['inquiries:write', 'tickets:read', 'tickets:write', 'customers:read', 'customers:write', 'agents:read', 'classify', 'routing:read', 'macros:read'],
  lead: ['inquiries:write', 'tickets:read', 'tickets:write', 'customers:read', 'customers:write', 'agents:read', 'classify', 'reports:read', 'exports:read', 'alerts:write', 'routing:read', 'routing:write', 'macros:read', 'macros:write', 'outcomes:write'],
  admin: ['admin'],
};
