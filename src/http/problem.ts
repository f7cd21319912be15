import { z } from 'zod';

export const FieldErrorSchema = z
  .object({
    path: z.string().describe('Where the problem is, e.g. `body.customer.email`'),
    message: z.string(),
  })
  .meta({ id: 'FieldError' });

export const ProblemSchema = z
  .object({
    type: z.string().describe('A URI naming the kind of problem'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string().describe('Stable machine-readable code, e.g. `tickets.not_found`'),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(FieldErrorSchema).optional(),
    existingId: z
      .string()
      .optional()
      .describe('On a 409 for something that already exists: its id, and nothing else about it'),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

export type Problem = z.infer<typeof ProblemSchema>;
export type FieldError = z.infer<typeof FieldErrorSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * The one error type of the service. Feature modules build these through small factories
 * (`ticketNotFound()`), so the error handler renders every failure the same way.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;
  readonly existingId: string | undefined;

  constructor(init: {
    status: number;
    code: string;
    title: string;
    detail?: string;
    errors?: FieldError[];
    headers?: Record<string, string>;
    existingId?: string;
  }) {
    super(init.detail ?? init.title);
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.errors = init.errors;
    this.headers = init.headers;
    this.existingId = init.existingId;
  }

  toProblem(extra: { instance?: string; requestId?: string } = {}): Problem {
    return {
      type: problemType(this.code),
      title: this.title,
      status: this.status,
      detail: this.message,
      code: this.code,
      ...extra,
      ...(this.errors ? { errors: this.errors } : {}),
      ...(this.existingId ? { existingId: this.existingId } : {}),
    };
  }
}

export function problemType(code: string): string {
  return `urn:ticketing:problem:${code}`;
}

export const notFound = (what: string, detail?: string) =>
  new AppError({ status: 404, code: `${what}.not_found`, title: 'Not found', detail: detail ?? `No such ${what.replace(/s$/, '')}` });

export const conflict = (code: string, detail: string) => new AppError({ status: 409, code, title: 'Conflict', detail });

export const unprocessable = (code: string, detail: string, errors?: FieldError[]) =>
  new AppError({ status: 422, code, title: 'Unprocessable request', detail, ...(errors ? { errors } : {}) });

export const badRequest = (code: string, detail: string, errors?: FieldError[]) =>
  new AppError({ status: 400, code, title: 'Bad request', detail, ...(errors ? { errors } : {}) });

export const preconditionFailed = (detail = 'The resource has changed since you read it; fetch it again and retry') =>
  new AppError({ status: 412, code: 'precondition_failed', title: 'Precondition failed', detail });
