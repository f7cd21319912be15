import { PROBLEM_DESCRIPTIONS, PROBLEM_RESPONSE_NAMES } from './error-responses.ts';
import { PROBLEM_CONTENT_TYPE } from './problem.ts';

/**
 * What the document says about responses beyond their bodies: the headers the service sends,
 * shared problem responses, and a description for every response. Applied to the finished
 * document (`transformObject`), so every route, old or new, gets the same treatment.
 * test/support/openapi/response-contract.ts checks the headers against what the service sends.
 */

type Header = { description: string; required?: boolean; schema: Record<string, unknown> };
type Response = { description?: string; headers?: Record<string, unknown>; content?: Record<string, { schema?: { $ref?: string } }>; $ref?: string };
type Parameter = { in: string; name: string };
type Operation = { operationId?: string; parameters?: Parameter[]; responses?: Record<string, Response> };
type Document = { paths?: unknown; components?: { schemas?: Record<string, unknown> } & Record<string, unknown> };
type Paths = Record<string, Record<string, Operation>>;

const ref = (name: string) => ({ $ref: `#/components/headers/${name}` });

/** Response headers, defined once and referenced. */
export const RESPONSE_HEADERS: Record<string, Header> = {
  RequestId: {
    description: 'The request\'s id: the client\'s `x-request-id` when it is at most 128 characters of `A-Z a-z 0-9 . _ -`, otherwise generated. Quote it when reporting a problem.',
    required: true,
    schema: { type: 'string' },
  },
  ETag: {
    description: 'The version of the resource as a strong ETag (`"3"`); send it back as `If-Match` to update only what you read.',
    required: true,
    schema: { type: 'string' },
  },
  Location: { description: 'The path of the created resource', required: true, schema: { type: 'string' } },
  IdempotentReplayed: {
    description: '`true` when this is the stored response of an earlier request with the same `Idempotency-Key` (nothing was done again).',
    schema: { type: 'string', enum: ['true'] },
  },
  DuplicateDelivery: {
    description: '`true` when `(channel, externalId)` was already delivered: the stored message is answered, nothing is written.',
    schema: { type: 'string', enum: ['true'] },
  },
  CachePublic: { description: 'Public and cacheable for a minute: `public, max-age=60`', required: true, schema: { type: 'string' } },
  WwwAuthenticate: { description: 'The scheme to authenticate with: `Bearer realm="ticketing"`', schema: { type: 'string' } },
  RetryAfter: { description: 'Seconds to wait before retrying', required: true, schema: { type: 'integer', minimum: 0 } },
  RetryAfterOptional: { description: 'Seconds to wait before retrying, when retrying can help', schema: { type: 'integer', minimum: 0 } },
  RateLimitLimit: { description: 'Requests allowed per window (when rate limiting is on: `RATE_LIMIT_PER_MINUTE`)', schema: { type: 'integer', minimum: 0 } },
  RateLimitRemaining: { description: 'Requests left in the current window (when rate limiting is on)', schema: { type: 'integer', minimum: 0 } },
  RateLimitReset: { description: 'Seconds until the window resets (when rate limiting is on)', schema: { type: 'integer', minimum: 0 } },
};

/** Operations that send an ETag / a Location on success (checked against the service by the fuzz test). */
export const ETAG_OPERATIONS = new Set([
  'createTicket',
  'getTicket',
  'updateTicket',
  'confirmTicketType',
  'createCustomer',
  'getCustomer',
  'updateCustomer',
  'getCsatSettings',
  'putCsatSettings',
  'getSlaPolicy',
  'updateSlaPolicy',
  'createRoutingRule',
  'getRoutingRule',
  'updateRoutingRule',
  'getBusinessCalendar',
  'getAlert',
  'updateAlert',
  'getAlertRules',
  'putAlertRules',
  'createMacro',
  'getMacro',
  'updateMacro',
  'applyMacro',
]);
export const LOCATION_OPERATIONS = new Set(['bulkUpdateTickets', 'createTicket', 'createMacro']);
/** Extra headers of single operations. */
const OPERATION_HEADERS: Record<string, Record<string, string>> = {
  createInquiry: { 'x-duplicate-delivery': 'DuplicateDelivery' },
  listPublicOutcomes: { 'Cache-Control': 'CachePublic' },
};

const RATE_LIMIT = { 'RateLimit-Limit': ref('RateLimitLimit'), 'RateLimit-Remaining': ref('RateLimitRemaining'), 'RateLimit-Reset': ref('RateLimitReset') };

/** Headers of every problem response of a status (shared: `components.responses`). */
export function problemHeaders(status: number): Record<string, unknown> {
  const retry = status === 429 || status === 503 ? { 'Retry-After': ref('RetryAfter') } : status === 409 ? { 'Retry-After': ref('RetryAfterOptional') } : {};
  const challenge = status === 401 ? { 'WWW-Authenticate': ref('WwwAuthenticate') } : {};
  return { 'x-request-id': ref('RequestId'), ...challenge, ...retry, ...RATE_LIMIT };
}

const PROBLEM_SCHEMA_REF = '#/components/schemas/Problem';

/** The problem responses every operation shares, by status (`#/components/responses/…`). */
function problemResponses() {
  const byStatus = new Map<number, { name: string; description: string }>();
  const components: Record<string, Response> = {};
  for (const [status, name] of Object.entries(PROBLEM_RESPONSE_NAMES)) {
    const description = PROBLEM_DESCRIPTIONS[Number(status)]!;
    byStatus.set(Number(status), { name, description });
    components[name] = { description, headers: problemHeaders(Number(status)), content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_SCHEMA_REF } } } };
  }
  return { byStatus, components };
}

/** A problem response as errorResponses() wrote it: replaced by the shared one. */
const isStandardProblem = (response: Response, description: string) =>
  response.description === description &&
  Object.keys(response.content ?? {}).join() === PROBLEM_CONTENT_TYPE &&
  response.content?.[PROBLEM_CONTENT_TYPE]?.schema?.$ref === PROBLEM_SCHEMA_REF;

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
/** `TicketWithMessage` → `ticket with message`; `ApiKey` → `API key`. */
const words = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/\b(api|sla|csat)\b/g, (w) => w.toUpperCase());

/** What a component is, in words: its own description, or its name read aloud (pages: of what). */
function describeComponent(name: string | undefined, document: Document): string {
  if (!name) return 'The result';
  const component = document.components?.schemas?.[name] as { description?: string } | undefined;
  const own = component?.description?.split(/(?<=\.)\s/)[0]?.replace(/\.$/, '');
  if (own) return own;
  if (name.endsWith('Page')) return `One page of ${words(name.slice(0, -'Page'.length))}s (\`nextCursor\` leads to the next)`;
  if (name.endsWith('List')) return `Every ${words(name.slice(0, -'List'.length))}`;
  return `The ${words(name)}`;
}

/** What a success response is, from the operation's method and the component it answers. */
function successDescription(method: string, status: string, response: Response, document: Document): string {
  if (status === '204') return method === 'delete' ? 'Deleted; no content' : 'Done; no content';
  const what = describeComponent(Object.values(response.content ?? {})[0]?.schema?.$ref?.split('/').pop(), document);
  if (status === '201') return `Created: ${lowerFirst(what)}`;
  if (method === 'patch' || method === 'put') return `Updated: ${lowerFirst(what)}`;
  if (method === 'delete') return `Done: ${lowerFirst(what)}`;
  return what;
}

function successHeaders(method: string, path: string, operation: Operation): Record<string, unknown> {
  const id = operation.operationId ?? '';
  const writes = (operation.parameters ?? []).some((p) => p.in === 'header' && p.name === 'idempotency-key');
  return {
    'x-request-id': ref('RequestId'),
    ...(ETAG_OPERATIONS.has(id) ? { ETag: ref('ETag') } : {}),
    ...(LOCATION_OPERATIONS.has(id) ? { Location: ref('Location') } : {}),
    ...(writes ? { 'idempotent-replayed': ref('IdempotentReplayed') } : {}),
    ...Object.fromEntries(Object.entries(OPERATION_HEADERS[id] ?? {}).map(([name, header]) => [name, ref(header)])),
    ...(path.startsWith('/v1/') && method !== 'head' ? RATE_LIMIT : {}),
  };
}

export function polishOperations<T extends Document>(document: T): T {
  const problems = problemResponses();
  const used = new Set<string>();
  for (const [path, item] of Object.entries((document.paths ?? {}) as Paths)) {
    for (const [method, operation] of Object.entries(item)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const shared = problems.byStatus.get(Number(status));
        if (shared && isStandardProblem(response, shared.description)) {
          operation.responses![status] = { $ref: `#/components/responses/${shared.name}` };
          used.add(shared.name);
          continue;
        }
        // An error of the operation's own (the probe's 503 body, the survey page's HTML): the id every
        // response carries, and the rate limiter's Retry-After on a 429.
        if (Number(status) >= 400) {
          response.headers = { 'x-request-id': ref('RequestId'), ...(status === '429' ? { 'Retry-After': ref('RetryAfter') } : {}), ...response.headers };
          continue;
        }
        if (!response.description || response.description === 'Default Response') response.description = successDescription(method, status, response, document);
        response.headers = { ...successHeaders(method, path, operation), ...response.headers };
      }
    }
  }
  const responses = Object.fromEntries(Object.entries(problems.components).filter(([name]) => used.has(name)));
  document.components = { ...document.components, responses };
  return document;
}
