import { z } from 'zod';

export const FieldErrorSchema = z
  .object({
    path: z.string().describe('Where the problem is, e.g. `body.customer.email`'),
    message: z.string(),
  })
  .meta({ id: 'FieldError' });

/**
 * Every `code` a problem can carry: the document's enum of `Problem.code`, so clients can switch on
 * it. test/http/problem-codes.test.ts reads the codes out of the source and fails when this list
 * and the source disagree. Clients should still treat a code they do not know by its status.
 */
export const PROBLEM_CODES = [
  'agents.email_taken', 'agents.not_found', 'agents.unknown_team',
  'alerts.invalid_transition', 'alerts.not_found',
  'audit.invalid_period',
  'api_keys.agent_inactive', 'api_keys.not_found', 'api_keys.scopes_exceed_agent_role', 'api_keys.unknown_agent',
  'auth.acting_for_other_agent', 'auth.csrf', 'auth.forbidden', 'auth.grant_exceeds_caller', 'auth.invalid_credentials', 'auth.not_an_agent', 'auth.sign_in_locked', 'auth.target_exceeds_caller', 'auth.too_many_attempts', 'auth.unauthorized',
  'bulk_jobs.not_found',
  'business_calendars.concurrent_update', 'business_calendars.in_use', 'business_calendars.invalid_ical', 'business_calendars.name_taken', 'business_calendars.not_found', 'business_calendars.targets_unreachable', 'business_calendars.too_many_holidays',
  'customers.erased', 'customers.exists', 'customers.export_busy', 'customers.not_found',
  'desk_assets.not_found',
  'idempotency.in_flight', 'idempotency.key_reused',
  'inquiries.redelivery_mismatch',
  'macros.inactive', 'macros.no_action', 'macros.not_found', 'macros.other_team', 'macros.unknown_placeholder', 'macros.unknown_team',
  'outcomes.not_found', 'outcomes.personal_data', 'outcomes.wrong_type',
  'request.bad_request', 'request.bad_url', 'request.conflict', 'request.duplicate', 'request.empty_json', 'request.forbidden', 'request.gone', 'request.invalid_content_length', 'request.invalid_cursor', 'request.invalid_datetime', 'request.invalid_if_match', 'request.invalid_json', 'request.invalid_text', 'request.invalid_value', 'request.method_not_allowed', 'request.not_acceptable', 'request.not_found', 'request.number_out_of_range', 'request.payload_too_large', 'request.precondition_failed', 'request.reference_missing', 'request.request_timeout', 'request.still_referenced', 'request.too_large', 'request.too_many_requests', 'request.unauthorized', 'request.unprocessable_request', 'request.unsupported_media_type', 'request.validation', 'request.value_too_long',
  'routing_rules.not_found', 'routing_rules.unknown_reference',
  'service.unavailable',
  'sla_policies.not_found', 'sla_policies.unknown_calendar', 'sla_policies.unknown_reference', 'sla_policies.unreachable_target',
  'suggestions.not_found',
  'surveys.expired', 'surveys.not_found', 'surveys.not_from_customer', 'surveys.unknown_reason',
  'teams.name_taken', 'teams.not_found',
  'tickets.closed', 'tickets.invalid_transition', 'tickets.not_classified', 'tickets.not_found', 'tickets.unknown_reference',
  'webhook_deliveries.not_found', 'webhooks.concurrent_update', 'webhooks.not_found', 'webhooks.url_refused',
  'internal', 'precondition_failed',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

export const ProblemSchema = z
  .object({
    type: z.string().describe('A URI naming the kind of problem'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    // The enum is the document's: the serializer keeps a plain string, so a code missing from the
    // list (caught by problem-codes.test.ts) can never turn an error into a 500.
    code: z
      .string()
      .meta({ enum: [...PROBLEM_CODES] })
      .describe('Stable machine-readable code, e.g. `tickets.not_found`; `type` is `urn:ticketing:problem:` and the code'),
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
