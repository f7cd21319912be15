import { ProblemSchema, PROBLEM_CONTENT_TYPE } from './problem.ts';

export const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request or failed validation',
  401: 'Missing or invalid API key',
  403: 'The key lacks the scope this operation needs',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable: this operation answers JSON',
  409: 'Conflict with the current state, or the same Idempotency-Key is still in flight',
  410: 'Gone',
  412: 'If-Match does not match the current version',
  413: 'Body too large',
  415: 'Unsupported content type',
  422: 'Well-formed but not acceptable (e.g. Idempotency-Key reused with another body)',
  429: 'Too many requests',
  500: 'Unexpected server error',
  503: 'A dependency is unavailable',
};

/** Names of the shared problem responses in the document (`#/components/responses/…`). */
export const PROBLEM_RESPONSE_NAMES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Gone',
  412: 'PreconditionFailed',
  413: 'ContentTooLarge',
  415: 'UnsupportedMediaType',
  422: 'UnprocessableContent',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  503: 'ServiceUnavailable',
};

const problem = (status: number) => ({
  description: PROBLEM_DESCRIPTIONS[status] ?? 'Error',
  content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
});

/** Errors every authenticated operation can answer. */
const COMMON = [400, 401, 403, 406, 429, 500] as const;
/** Extra errors of operations that take a body. */
const WRITE = [409, 413, 415, 422] as const;

export function errorResponses(options: { write?: boolean; extra?: number[]; public?: boolean } = {}) {
  const statuses = new Set<number>(COMMON);
  if (options.public) {
    statuses.delete(401);
    statuses.delete(403);
  }
  if (options.write) for (const status of WRITE) statuses.add(status);
  for (const status of options.extra ?? []) statuses.add(status);
  return Object.fromEntries([...statuses].sort().map((status) => [status, problem(status)]));
}
