/**
 * Which requests the audit log records, and under which action: pure, so the rules are tested on
 * their own and read in one place. A route decides for itself with `config.audit` (an entry, or
 * `false` when it records in its own transaction); otherwise:
 * - every change (POST, PUT, PATCH, DELETE) of a route that needs a scope is recorded, so a new
 *   write route is audited without anyone remembering to;
 * - reads are recorded where they expose a customer or what others did (READS below);
 * - NOT_AUDITED lists the writes that change nothing, or whose record is elsewhere.
 */
export type AuditKind = 'read' | 'create' | 'update' | 'delete';

export interface AuditSpec {
  action: string;
  kind: AuditKind;
  resource: string;
}

/** What a route may say in `config.audit`. */
export interface RouteAuditConfig {
  action?: string;
  kind?: AuditKind;
  resource?: string;
}

/**
 * Reads of customer data (records, their tickets and conversations, the change feed's data,
 * customers' comments and texts) and of the audit log itself; a value names the action when the
 * derived one would not say it well.
 */
const READS = new Map<string, string | null>([
  ['GET /v1/customers', null],
  ['GET /v1/customers/{id}', null],
  ['GET /v1/customers/{id}/tickets', null],
  ['GET /v1/customers/{id}/export', 'customers.export'],
  ['GET /v1/tickets', null],
  ['GET /v1/tickets/{id}', null],
  ['GET /v1/tickets/{id}/messages', null],
  ['GET /v1/tickets/{id}/events', null],
  ['GET /v1/events', null],
  ['GET /v1/reports/csat/comments', null],
  ['GET /v1/exports/classification-corrections', null],
  ['GET /v1/audit-log', null],
]);

/** Changes whose derived action would not say it well. */
const CHANGE_ACTIONS = new Map<string, string>([['DELETE /v1/customers/{id}', 'customers.erase']]);

/**
 * Intake runs at thousands a second and the ticket timeline already records every message with its
 * actor (the key, or the agent behind it): one more row per message would double its writes for
 * nothing new. Classification and the routing dry run compute and write nothing.
 */
const NOT_AUDITED = new Set(['POST /v1/inquiries', 'POST /v1/classify', 'POST /v1/routing-rules/dry-run']);

/** Path segments that name an action on a resource rather than a collection under it. */
const VERBS = new Set(['rotate-secret', 'ping', 'redeliver', 'apply', 'used', 'import', 'bulk', 'confirm']);

const KIND_OF_METHOD: Record<string, AuditKind> = { GET: 'read', POST: 'create', PUT: 'update', PATCH: 'update', DELETE: 'delete' };

/** `/v1/tickets/:id/messages` → `/v1/tickets/{id}/messages`: the key of the lists above (and of the authorization matrix). */
export const openapiPath = (fastifyPath: string) => fastifyPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** The spec a route gets from its method and path: `PATCH /v1/customers/:id` → customers.update, `GET /v1/customers` → customers.list. */
export function derivedSpec(method: string, fastifyPath: string): AuditSpec {
  const segments = fastifyPath.split('/').filter((s) => s && s !== 'v1');
  const nouns = segments.filter((s) => !s.startsWith(':'));
  const resource = nouns[0] ?? 'service';
  const last = nouns[nouns.length - 1];
  const kind = KIND_OF_METHOD[method] ?? 'read';
  if (last && VERBS.has(last) && nouns.length > 1) return { action: nouns.join('.'), kind: last === 'bulk' ? 'update' : kind === 'create' ? 'update' : kind, resource };
  // A read of a collection (no id at the end) is a list: `customers.list`, `tickets.messages.list`.
  const verb = kind === 'read' && !segments[segments.length - 1]?.startsWith(':') ? 'list' : kind;
  return { action: `${nouns.join('.')}.${verb}`, kind, resource };
}

/**
 * What to record for one route, or null. `scoped`: the route requires a scope (public routes have
 * no caller to name: customers' survey answers; sign-in records itself, in sessions.service.ts).
 */
export function auditSpecFor(route: { method: string; url: string; scoped: boolean; config?: RouteAuditConfig | false }): AuditSpec | null {
  if (route.config === false) return null;
  const derived = derivedSpec(route.method, route.url);
  if (route.config) return { ...derived, ...route.config };
  if (!route.scoped) return null;
  const key = `${route.method} ${openapiPath(route.url)}`;
  if (NOT_AUDITED.has(key)) return null;
  if (route.method === 'GET') return READS.has(key) ? { ...derived, action: READS.get(key) ?? derived.action } : null;
  if (route.method === 'HEAD' || route.method === 'OPTIONS') return null;
  return { ...derived, action: CHANGE_ACTIONS.get(key) ?? derived.action };
}
