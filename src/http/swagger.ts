import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { markInputsStrict } from './strict-input.ts';
import { mergeInputTwins } from './openapi-components.ts';
import { commaSeparatedArrays } from './openapi-parameters.ts';
import { polishOperations, RESPONSE_HEADERS } from './openapi-responses.ts';
import { hasScope, ROLE_SCOPES, type Scope } from '../modules/auth/scopes.ts';
import type { OpenAPIV3_2 } from '@fastify/swagger';
import { SESSION_COOKIE } from '../modules/auth/sessions.cookie.ts';

/** The security scheme of the helpdesk's session cookie. */
export const SESSION_SCHEME = 'deskSession';

export const API_VERSION = '1.0.0';

/** The line each guarded operation's description ends with: the scope, and which helpdesk roles hold it. */
export function scopeNote(scope: Scope): string {
  const roles = Object.entries(ROLE_SCOPES)
    .filter(([, scopes]) => hasScope(scopes, scope))
    .map(([role]) => role);
  const implied = scope === 'admin' ? '' : ' (or `admin`)';
  return `Requires the \`${scope}\` scope${implied}; helpdesk roles holding it: ${roles.join(', ')}.`;
}

/** The OpenAPI 3.1 document is built from the routes' zod schemas: it cannot drift from the code. */
export async function registerSwagger(app: FastifyInstance, options: { webhooks?: Record<string, OpenAPIV3_2.PathItemObject> } = {}) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Ticketing service',
        version: API_VERSION,
        description:
          'Customer-service ticketing: intake from every channel, classification, SLAs, satisfaction and reports. ' +
          'Errors are RFC 9457 problem+json. Writes accept `Idempotency-Key`; updates accept `If-Match`. ' +
          'Unknown body fields and query parameters are refused (400, with the path of each). ' +
          'What is stored is normalised: text fields are trimmed, emails and tags are stored lower case, ' +
          'phones as their digits (with the leading + if given; full-width digits read as ASCII).',
      },
      // Relative: the API is wherever this document is served from (`npm start` prints the address).
      servers: [{ url: '/', description: 'The service that serves this document' }],
      components: {
        securitySchemes: {
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API key: `Authorization: Bearer tk_…`. Each operation\'s `security` names the scope the key needs (`admin` implies every scope).',
          },
          [SESSION_SCHEME]: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description:
              'The helpdesk session cookie set by `POST /v1/sessions`, for the browser UI. It carries the scopes of the agent\'s role; ' +
              'requests it authenticates must send `X-Requested-With: desk` on every method but GET and HEAD. Services use an API key.',
          },
        },
        headers: RESPONSE_HEADERS,
      },
      // What the service POSTs to registered endpoints (OpenAPI 3.1 `webhooks`), as the modules document it.
      ...(options.webhooks && Object.keys(options.webhooks).length ? { webhooks: options.webhooks } : {}),
      tags: [
        { name: 'inquiries', description: 'Inbound customer messages from channels' },
        { name: 'tickets', description: 'Tickets, conversations and timelines' },
        { name: 'customers', description: 'The customer archive' },
        { name: 'classification', description: 'Question / complaint / suggestion, language, sentiment, urgency signals' },
        { name: 'sla', description: 'SLA policies and business calendars' },
        { name: 'routing', description: 'Routing rules: who gets a ticket, at what priority, by its kind, confidence and signals' },
        { name: 'csat', description: 'Satisfaction surveys: settings, the customer\'s page and answers' },
        { name: 'reports', description: 'Reports and exports' },
        { name: 'events', description: 'The change feed: every event in commit order' },
        { name: 'agents', description: 'Agents and teams' },
        { name: 'api-keys', description: 'API keys and scopes' },
        { name: 'webhooks', description: 'Signed webhooks (Standard Webhooks): endpoints, their delivery log, and the payloads sent' },
        { name: 'health', description: 'Liveness and readiness' },
        { name: 'audit', description: 'The audit log: who read or changed what, from where, when' },
        { name: 'operations', description: 'Prometheus metrics for operators' },
      ],
    },
    transform: (input) => {
      const result = jsonSchemaTransform(input);
      // Requests are validated strictly (strict-input.ts): the document says so.
      markInputsStrict((result.schema as { body?: unknown }).body);
      // Routes that need a key say so in the document, with the scope, so SDKs send it and clients know which key to use.
      // The helpdesk cookie is accepted wherever a key is (auth.ts), with the scopes of the agent's role.
      const scope = (input.route.config as { scope?: Scope } | undefined)?.scope;
      const declared = (result.schema as { security?: unknown }).security;
      if (!scope) return { ...result, schema: { ...result.schema, security: declared ?? [] } as typeof result.schema };
      const { description } = result.schema as { description?: string };
      const security: Record<string, string[]>[] = [{ apiKey: [scope] }, { [SESSION_SCHEME]: [scope] }];
      return { ...result, schema: { ...result.schema, security, description: [description, scopeNote(scope)].filter(Boolean).join('\n\n') } as typeof result.schema };
    },
    transformObject: (input) => {
      const document = jsonSchemaTransformObject(input) as { components?: { schemas?: Record<string, unknown> } };
      // `…Input` components are the request side of each schema (fastify-type-provider-zod's naming).
      for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) if (name.endsWith('Input')) markInputsStrict(schema);
      return polishOperations(commaSeparatedArrays(mergeInputTwins(document))) as ReturnType<typeof jsonSchemaTransformObject>;
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
}
