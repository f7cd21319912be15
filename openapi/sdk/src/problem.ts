import type { Problem } from './generated/types.gen.js';

export type ProblemCode = Problem['code'];

/**
 * A failed call: the service's RFC 9457 problem (`status`, stable `code`, `errors[{path, message}]`)
 * as an Error. Every call of the client throws this for a 4xx or 5xx answer.
 */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  readonly status: number;
  /** Stable and typed; a code this SDK does not know yet (a newer service) comes through as it is. */
  readonly code: ProblemCode | (string & {});
  readonly problem: Problem;
  /** The answer's x-request-id: quote it when reporting a problem. */
  readonly requestId: string | undefined;
  readonly response: Response;

  constructor(problem: Problem, response: Response) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
    this.requestId = problem.requestId ?? response.headers.get('x-request-id') ?? undefined;
    this.response = response;
  }

  /** `errors[].path` → message, e.g. `body.customer.email`. */
  get fieldErrors(): ReadonlyMap<string, string> {
    return new Map((this.problem.errors ?? []).map((e) => [e.path, e.message]));
  }
}

/** Whether `error` is a problem, optionally with one of `codes`: narrows for `switch (error.code)`. */
export function isProblem<C extends ProblemCode>(error: unknown, ...codes: C[]): error is ProblemError & { code: C } {
  return error instanceof ProblemError && (codes.length === 0 || (codes as string[]).includes(error.code));
}

const looksLikeProblem = (body: unknown): body is Problem =>
  !!body && typeof body === 'object' && typeof (body as Problem).status === 'number' && typeof (body as Problem).code === 'string';

/** The error a failed answer becomes; bodies that are not problem+json (a proxy's page) get a stand-in. */
export function toProblemError(body: unknown, response: Response): ProblemError {
  if (looksLikeProblem(body)) return new ProblemError(body, response);
  const title = response.statusText || `HTTP ${response.status}`;
  const code = response.status >= 500 ? (response.status === 503 ? 'service.unavailable' : 'internal') : 'request.bad_request';
  return new ProblemError({ type: 'about:blank', title, status: response.status, code, detail: typeof body === 'string' ? body.slice(0, 200) : undefined }, response);
}
