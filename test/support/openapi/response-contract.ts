import type { OperationRef } from './json-schema.ts';
import type { FuzzCase } from './requests.ts';
import type { SchemaValidator } from './schema-validator.ts';

export interface ObservedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  text: string | undefined;
}

export interface ContractOptions {
  /** Invalid input is refused with a 4xx, but not as problem+json with field paths (the customer's HTML page). */
  invalidIsAnyClientError?: boolean;
}

const mediaType = (header: string | string[] | undefined) => String(header ?? '').split(';')[0]!.trim().toLowerCase();
const joined = (parts: (string | number)[]) => parts.map(String).join('.');

/** The ways a response breaks the document or the error conventions; empty when it keeps them. */
export function contractViolations(op: OperationRef, fuzzCase: FuzzCase, res: ObservedResponse, validate: SchemaValidator, options: ContractOptions = {}): string[] {
  const violations: string[] = [];
  const documented = op.operation.responses[String(res.status)];
  const type = mediaType(res.headers['content-type']);
  const problem = res.body as { code?: string; errors?: { path: string }[] } | undefined;

  if (res.status >= 500) violations.push(`a ${res.status}: ${res.text?.slice(0, 300)}`);
  if (!documented) violations.push(`status ${res.status} is not documented (documented: ${Object.keys(op.operation.responses).join(', ')})`);

  const contents = documented?.content ?? {};
  if (documented && Object.keys(contents).length > 0 && res.status !== 204) {
    const content = contents[type];
    if (!content) violations.push(`content-type ${type || '(none)'} is not documented for ${res.status} (documented: ${Object.keys(contents).join(', ')})`);
    else if (type === 'application/json' || type.endsWith('+json')) {
      const result = validate(content.schema, res.body);
      if (!result.valid) violations.push(`the ${res.status} body does not match its documented schema: ${result.errors.slice(0, 5).join('; ')}`);
    }
  }

  if (documented) violations.push(...headerViolations(res, documented.headers ?? {}));

  const clientError = res.status >= 400 && res.status < 500;
  if (clientError && !options.invalidIsAnyClientError && type !== 'application/problem+json') violations.push(`a ${res.status} that is not application/problem+json (${type})`);

  // Rate limits (public pages, sign-in) answer before any validation: documented, and all one can say.
  if (res.status === 429) return violations;
  if (fuzzCase.kind === 'invalid' && fuzzCase.mutation) {
    const { part, path, unionPath, expectPath, kind } = fuzzCase.mutation;
    if (!clientError) violations.push(`invalid input (${kind} at ${part}.${joined(path)}) was answered ${res.status}`);
    else if (expectPath && !options.invalidIsAnyClientError) {
      const expected = joined([part, ...path]);
      const floor = joined([part, ...(unionPath ?? path)]);
      const paths = (problem?.errors ?? []).map((e) => e.path);
      const names = paths.some((p) => p === expected || (expected.startsWith(`${p}.`) && p.length >= floor.length));
      if (res.status !== 400 || !names) violations.push(`invalid input (${kind}) at ${expected}: expected a 400 naming it, got ${res.status} with paths [${paths.join(', ')}] (${problem?.code})`);
    }
  }
  if (fuzzCase.kind === 'valid' && res.status === 400 && problem?.code === 'request.validation') {
    violations.push(`input the document allows was refused: ${JSON.stringify(problem.errors)}`);
  }
  return violations;
}

/** Headers whose presence means something to a client: sent only where the document says so. */
const MEANINGFUL = ['etag', 'location', 'idempotent-replayed', 'x-duplicate-delivery', 'retry-after', 'www-authenticate'];

/** Documented required headers are sent; meaningful headers that are sent are documented. */
function headerViolations(res: ObservedResponse, headers: Record<string, { required?: boolean }>): string[] {
  const violations: string[] = [];
  const documented = new Map(Object.entries(headers).map(([name, header]) => [name.toLowerCase(), header]));
  for (const [name, header] of documented) if (header.required && res.headers[name] === undefined) violations.push(`the ${res.status} lacks the documented ${name} header`);
  for (const name of MEANINGFUL) if (res.headers[name] !== undefined && !documented.has(name)) violations.push(`the ${res.status} sends ${name}, which the document does not mention for it`);
  return violations;
}
