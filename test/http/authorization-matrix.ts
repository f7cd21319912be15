import type { Scope } from '../../src/modules/auth/scopes.ts';

/**
 * Who may call what: the one reviewed list of every route the app serves and the scope it requires
 * (`public`: no credentials; `session`: no scope, but the route itself answers only a helpdesk
 * session cookie). authorization-matrix.test.ts fails when a route is missing here, when
 * a listed one no longer exists, when a route's `config.scope` or its OpenAPI `security` says
 * something else, and when any caller is let in or turned away against it. A new route therefore
 * needs a line here, and the review of that line is the review of its access.
 *
 * Keys are `METHOD /path` with OpenAPI-style parameters; HEAD follows its GET. Least privilege:
 * reads need a read scope, writes the matching write scope, configuration `settings:write`, keys
 * `admin`. Notes mark the choices that are not obvious.
 */
export type Rule = Scope | 'public' | 'session';

export const AUTHORIZATION: Record<string, Rule> = {
  // Health, the contract and its docs page: monitors and SDK generators call them without a key.
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /openapi.json': 'public',
  'GET /docs': 'public',
  'GET /docs/json': 'public',
  'GET /docs/yaml': 'public',
  'GET /docs/static/index.html': 'public',
  'GET /docs/static/swagger-initializer.js': 'public',
  'GET /docs/static/*': 'public',

  // Intake from channels: it finds or creates the customer too (the connector holds no customers scope).
  'POST /v1/inquiries': 'inquiries:write',
  'POST /v1/classify': 'classify',
  

  'GET /v1/tickets': 'tickets:read',
  // Opening a ticket by hand may create the customer named in it, as intake does.
  'POST /v1/tickets': 'tickets:write',
  'GET /v1/tickets/{id}': 'tickets:read',
  'PATCH /v1/tickets/{id}': 'tickets:write',
  // Confirming the type is a change of the ticket like correcting it.
  'POST /v1/tickets/{id}/classification/confirm': 'tickets:write',
  'POST /v1/tickets/bulk': 'tickets:write',
  'GET /v1/bulk-jobs/{id}': 'tickets:read',
  'GET /v1/tickets/{id}/messages': 'tickets:read',
  'POST /v1/tickets/{id}/messages': 'tickets:write',
  // Timeline and survey: the survey link in them is shown only to `surveys:deliver` (a field rule, survey-token-visibility.test.ts).
  'GET /v1/tickets/{id}/events': 'tickets:read',
  'GET /v1/tickets/{id}/survey': 'tickets:read',

  'GET /v1/customers': 'customers:read',
  'POST /v1/customers': 'customers:write',
  'GET /v1/customers/{id}': 'customers:read',
  'PATCH /v1/customers/{id}': 'customers:write',
  // Tickets, not customer data: the same rows `GET /v1/tickets?customerId=` answers.
  'GET /v1/customers/{id}/tickets': 'tickets:read',
  // Personal data rights: scopes of their own, held by no helpdesk role (admin keys, or a key made for the privacy officer).
  'GET /v1/customers/{id}/export': 'customers:export',
  'DELETE /v1/customers/{id}': 'customers:erase',

  // Teams are part of the agents directory: one pair of scopes for both.
  'GET /v1/agents': 'agents:read',
  'POST /v1/agents': 'agents:write',
  'GET /v1/agents/{id}': 'agents:read',
  'PATCH /v1/agents/{id}': 'agents:write',
  // One's own availability for round-robin routing: whoever works tickets (the route refuses a key acting for no agent).
  'PATCH /v1/agents/me': 'tickets:write',
  'GET /v1/teams': 'agents:read',
  'POST /v1/teams': 'agents:write',
  'GET /v1/teams/{id}': 'agents:read',
  'PATCH /v1/teams/{id}': 'agents:write',

  'GET /v1/api-keys': 'admin',
  'POST /v1/api-keys': 'admin',
  'GET /v1/api-keys/{id}': 'admin',
  'DELETE /v1/api-keys/{id}': 'admin',

  // Configuration: everyone who works tickets may read it (deadlines, survey rules); only settings:write changes it.
  'GET /v1/sla-policies': 'tickets:read',
  'POST /v1/sla-policies': 'settings:write',
  'GET /v1/sla-policies/{id}': 'tickets:read',
  'PATCH /v1/sla-policies/{id}': 'settings:write',
  'DELETE /v1/sla-policies/{id}': 'settings:write',
  'GET /v1/business-calendars': 'tickets:read',
  'POST /v1/business-calendars': 'settings:write',
  'GET /v1/business-calendars/{id}': 'tickets:read',
  'PATCH /v1/business-calendars/{id}': 'settings:write',
  'DELETE /v1/business-calendars/{id}': 'settings:write',
  'POST /v1/business-calendars/{id}/holidays/import': 'settings:write',
  // Routing rules: agents may read them (and dry-run, which writes nothing); leads and admins change them.
  'GET /v1/routing-rules': 'routing:read',
  'POST /v1/routing-rules': 'routing:write',
  'POST /v1/routing-rules/dry-run': 'routing:read',
  'GET /v1/routing-rules/{id}': 'routing:read',
  'PATCH /v1/routing-rules/{id}': 'routing:write',
  'DELETE /v1/routing-rules/{id}': 'routing:write',
  'GET /v1/settings/csat': 'tickets:read',
  'PUT /v1/settings/csat': 'settings:write',

  // Reports are aggregates (and customers' survey comments, without who wrote them).
  'GET /v1/reports/classification': 'reports:read',
  'GET /v1/reports/sla': 'reports:read',
  'GET /v1/reports/csat': 'reports:read',
  'GET /v1/reports/volume': 'reports:read',
  'GET /v1/reports/response-times': 'reports:read',
  'GET /v1/reports/backlog': 'reports:read',
  'GET /v1/reports/agents': 'reports:read',
  // The change feed carries every event's data (message bodies among them): a scope of its own.
  'GET /v1/events': 'events:read',
  // The live stream is the helpdesk's: what the ticket timeline shows, so the timeline's scope.
  'GET /v1/stream': 'tickets:read',
  'GET /v1/reports/csat/comments': 'reports:read',
  // Ticket text in bulk (training data): its own scope, which no read scope implies.
  'GET /v1/exports/classification-corrections': 'exports:read',

  // Webhooks: integration configuration; the create and rotate answers carry a signing secret, and
  // survey links go only to endpoints registered by a caller holding `surveys:deliver` (a field rule).
  'GET /v1/webhooks': 'webhooks:read',
  'POST /v1/webhooks': 'webhooks:write',
  'GET /v1/webhooks/{id}': 'webhooks:read',
  'PATCH /v1/webhooks/{id}': 'webhooks:write',
  'DELETE /v1/webhooks/{id}': 'webhooks:write',
  'POST /v1/webhooks/{id}/rotate-secret': 'webhooks:write',
  'POST /v1/webhooks/{id}/ping': 'webhooks:write',
  // The log shows what receivers answered (their first 4 KB), never payloads.
  'GET /v1/webhooks/{id}/deliveries': 'webhooks:read',
  'POST /v1/webhooks/{id}/deliveries/{deliveryId}/redeliver': 'webhooks:write',

  // The customer's survey: the unguessable token is the key; staff credentials are refused on answers.
  'GET /v1/surveys/{token}': 'public',
  'POST /v1/surveys/{token}': 'public',
  'GET /survey/{token}': 'public',
  'POST /survey/{token}': 'public',

  // The helpdesk: sign-in, the current session (its own cookie check) and sign-out (204 without a session);
  // the page and its files hold no data.
  'POST /v1/sessions': 'public',
  'GET /v1/sessions/current': 'session',
  'DELETE /v1/sessions/current': 'public',
  // Sign out everywhere: the cookie's own agent only, so nothing to grant; keys are refused.
  'DELETE /v1/sessions': 'session',
  'GET /desk': 'public',
  // The page again for every deep link (the desk's router shows the screen; its data needs a session).
  'GET /desk/tickets/{id}': 'public',
  'GET /desk/customers/{id}': 'public',
  'GET /desk/dashboard': 'public',
  'GET /desk/alerts': 'public',
  'GET /desk/alerts/{id}': 'public',
  'GET /desk/macros': 'public',
  'GET /desk/routing': 'public',
  'GET /desk/assets/*': 'public',
  'GET /desk/vendor/{name}': 'public', // third-party browser code by allow-list (uPlot)

  // Crisis early warning and hotspots: aggregates and alerts for leads and analysts (reports:read). Acknowledging or
  // resolving an alert is a lead's job: a scope of its own that leads hold; the rules that grade alerts are configuration.
  'GET /v1/reports/hotspots': 'reports:read',
  'GET /v1/alerts': 'reports:read',
  'GET /v1/alerts/{id}': 'reports:read',
  'PATCH /v1/alerts/{id}': 'alerts:write',
  'GET /v1/alert-rules': 'reports:read',
  'PUT /v1/alert-rules': 'settings:write',

  // Macros: every agent reads them (macros:read in the agent role), leads and admins write them;
  // applying one is a change to the ticket, so the ticket's write scope (nothing the macro says
  // goes beyond what PATCH and a reply could do).
  'GET /v1/macros': 'macros:read',
  'POST /v1/macros': 'macros:write',
  'GET /v1/macros/{id}': 'macros:read',
  'PATCH /v1/macros/{id}': 'macros:write',
  'DELETE /v1/macros/{id}': 'macros:write',
  'POST /v1/tickets/{id}/macros/{macroId}/apply': 'tickets:write',
  // Suggested answers show other solved tickets' public replies: what tickets:read reads anyway.
  'GET /v1/tickets/{id}/suggestions': 'tickets:read',
  'POST /v1/tickets/{id}/suggestions/{sid}/used': 'tickets:write',
  'GET /v1/reports/suggestions': 'reports:read',

  // Published outcomes: publishing to the public is a lead's decision (a scope of its own); the public
  // feed carries only notes written for publication, rate-limited and cacheable.
  'GET /v1/tickets/{id}/outcome': 'tickets:read',
  'PUT /v1/tickets/{id}/outcome': 'outcomes:write',
  'DELETE /v1/tickets/{id}/outcome': 'outcomes:write',
  'GET /v1/public/outcomes': 'public',

  // Who read or changed what: a scope of its own that no role but admin holds (a lead cannot see
  // what other leads did); the Prometheus scraper's key holds metrics:read and nothing else.
  'GET /v1/audit-log': 'audit:read',
  'GET /metrics': 'metrics:read',
  // The operators' queue view (bull-board): its pages, its read API and its scripts, admins only
  // (an admin's helpdesk cookie or an admin key). It has no write routes (queue-view.routes.ts).
  'GET /admin/queues': 'admin',
  'GET /admin/queues/metrics-history': 'admin',
  'GET /admin/queues/job-schedulers': 'admin',
  'GET /admin/queues/queue/{queueName}': 'admin',
  'GET /admin/queues/queue/{queueName}/{jobId}': 'admin',
  'GET /admin/queues/api/redis/stats': 'admin',
  'GET /admin/queues/api/queues': 'admin',
  'GET /admin/queues/api/job-schedulers': 'admin',
  'GET /admin/queues/api/queues/{queueName}/metrics': 'admin',
  'GET /admin/queues/api/queues/{queueName}/default-job-options': 'admin',
  'GET /admin/queues/api/queues/{queueName}/workers': 'admin',
  'GET /admin/queues/api/queues/{queueName}/rate-limit': 'admin',
  'GET /admin/queues/api/queues/{queueName}/job-data-schema': 'admin',
  'GET /admin/queues/api/queues/{queueName}/{jobId}/logs': 'admin',
  'GET /admin/queues/api/queues/{queueName}/{jobId}/flow': 'admin',
  'GET /admin/queues/api/queues/{queueName}/{jobId}': 'admin',
  'GET /admin/queues/static/*': 'admin',
};
