import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { sqlState } from '../db/errors.ts';
import { AppError, PROBLEM_CONTENT_TYPE, problemType, type FieldError, type Problem } from './problem.ts';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  408: 'Request timeout',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition failed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable request',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** Fastify's own client errors, by code, mapped to our stable codes. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.empty_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.invalid_content_length',
  FST_ERR_CTP_INVALID_TYPE: 'request.unsupported_media_type',
};

/** Postgres errors that can only come from input (a value the schema let through). */
const PG_CLIENT_ERRORS: Record<string, { status: number; code: string }> = {
  '22001': { status: 400, code: 'request.value_too_long' },
  '22003': { status: 400, code: 'request.number_out_of_range' },
  '22007': { status: 400, code: 'request.invalid_datetime' },
  '22008': { status: 400, code: 'request.invalid_datetime' },
  '22P02': { status: 400, code: 'request.invalid_value' },
  '22021': { status: 400, code: 'request.invalid_text' },
  '22P05': { status: 400, code: 'request.invalid_text' },
  '23505': { status: 409, code: 'request.duplicate' },
};

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem, headers?: Record<string, string>) {
  if (headers) reply.headers(headers);
  return reply
    .code(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send({ ...problem, instance: request.url.split('?')[0], requestId: request.id });
}

function validationProblem(error: FastifyError): Problem {
  const context = (error as { validationContext?: string }).validationContext ?? 'request';
  const errors: FieldError[] = (error.validation ?? []).flatMap((issue) => {
    const raw = issue as unknown as { keyword?: string; instancePath?: string; message?: string; params?: { keys?: string[]; issue?: { path?: unknown[] } } };
    const segments = raw.params?.issue?.path ?? (raw.instancePath ?? '').split('/').filter(Boolean);
    const at = (...more: unknown[]) => [context, ...segments, ...more].map(String).join('.');
    // One entry per unknown field, each with its own path (zod reports them together on the parent).
    if (raw.keyword === 'unrecognized_keys') {
      return (raw.params?.keys ?? []).map((key) => ({ path: at(key), message: 'unknown field' }));
    }
    return [{ path: at(), message: raw.message ?? 'invalid value' }];
  });
  return {
    type: problemType('request.validation'),
    title: 'Validation failed',
    status: 400,
    detail: `The ${context} did not pass validation`,
    code: 'request.validation',
    errors,
  };
}

/**
 * A foreign-key violation that an explicit check in a route did not catch first (those name the
 * field and are preferred). Inserting or updating with a missing reference is a 422 naming the
 * column as a body field (`team_id` → `body.teamId`); deleting a row that others still reference
 * is a 409.
 */
function foreignKeyProblem(error: unknown): Problem {
  const detail = String(findField(error, 'detail') ?? '');
  const column = /^Key \(([a-z_]+)\)=/.exec(detail)?.[1];
  if (/is still referenced/.test(detail) || !column) {
    return { type: problemType('request.still_referenced'), title: 'Conflict', status: 409, detail: 'Other records still refer to this one', code: 'request.still_referenced' };
  }
  const field = column.replace(/_([a-z])/g, (_m, letter: string) => letter.toUpperCase());
  return {
    type: problemType('request.reference_missing'),
    title: TITLES[422]!,
    status: 422,
    detail: `The ${field} in the request names nothing that exists`,
    code: 'request.reference_missing',
    errors: [{ path: `body.${field}`, message: 'does not exist' }],
  };
}

/** A field of the driver's error, which drizzle wraps as `cause`. */
function findField(error: unknown, name: string): unknown {
  for (let current = error, depth = 0; current && depth < 3; current = (current as { cause?: unknown }).cause, depth++) {
    const value = (current as Record<string, unknown>)[name];
    if (value !== undefined) return value;
  }
  return undefined;
}

const DEPENDENCY_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
// node-postgres and ioredis say it in words: a lost connection, a pool with no free client in
// time, a query the server never answered, a Redis that is not connected.
const DEPENDENCY_DOWN_MESSAGE =
  /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Query read timeout|Connection is closed|Stream isn't writeable|Reached the max retries per request|is not queryable/i;

/**
 * Postgres or Redis unreachable, restarting or saturated (connection errors, a terminated
 * backend, a statement timeout): a 503 the client may retry, not a bug. drizzle wraps the
 * driver's error, so the whole `cause` chain counts.
 */
function dependencyDown(error: unknown): boolean {
  const state = sqlState(error);
  if (state && (state.startsWith('08') || state.startsWith('57'))) return true;
  for (let current = error, depth = 0; current && depth < 4; current = (current as { cause?: unknown }).cause, depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && DEPENDENCY_DOWN_CODES.has(code)) return true;
    if (typeof message === 'string' && DEPENDENCY_DOWN_MESSAGE.test(message)) return true;
  }
  return false;
}

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return sendProblem(request, reply, error.toProblem(), error.headers);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return sendProblem(request, reply, validationProblem(error));
    }
    const pgCode = sqlState(error);
    if (pgCode === '23503') {
      request.log.warn({ pgCode }, 'a reference the request named does not exist, or a row is still referenced');
      return sendProblem(request, reply, foreignKeyProblem(error));
    }
    const pgError = pgCode ? PG_CLIENT_ERRORS[pgCode] : undefined;
    if (pgError) {
      request.log.warn({ pgCode }, 'database rejected a value');
      return sendProblem(request, reply, {
        type: problemType(pgError.code),
        title: TITLES[pgError.status] ?? 'Error',
        status: pgError.status,
        detail: 'A value in the request was not acceptable',
        code: pgError.code,
      });
    }
    const status = dependencyDown(error) ? 503 : (error.statusCode ?? 500);
    if (status >= 400 && status < 500) {
      const code = FASTIFY_CODES[error.code] ?? `request.${(TITLES[status] ?? 'error').toLowerCase().replace(/\s+/g, '_')}`;
      const headers = status === 429 ? retryAfterHeader(reply) : undefined;
      return sendProblem(
        request,
        reply,
        { type: problemType(code), title: TITLES[status] ?? 'Client error', status, detail: error.message, code },
        headers,
      );
    }
    const unavailable = status === 503;
    if (unavailable) reply.header('retry-after', '2');
    request.log[unavailable ? 'warn' : 'error']({ err: error }, unavailable ? 'a dependency is unavailable' : 'unhandled error');
    return sendProblem(request, reply, {
      type: problemType(unavailable ? 'service.unavailable' : 'internal'),
      title: TITLES[unavailable ? 503 : 500] ?? 'Internal server error',
      status: unavailable ? 503 : 500,
      detail: unavailable ? 'A dependency is unavailable; retry shortly' : 'Something went wrong on our side; it has been logged',
      code: unavailable ? 'service.unavailable' : 'internal',
    });
  });
}

function retryAfterHeader(reply: FastifyReply): Record<string, string> | undefined {
  const value = reply.getHeader('retry-after');
  return value === undefined ? undefined : { 'retry-after': String(value) };
}

export { TITLES as STATUS_TITLES };
