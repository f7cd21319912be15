import { STREAM_PATHS, untilFirstBytes } from '../event-stream.ts';
import fc from 'fast-check';
import type supertest from 'supertest';
import { commaSeparated, resolveSchema, takesApiKey, typesOf, type JsonSchema, type OpenApiDocument, type OperationRef } from './json-schema.ts';
import { invalidValues, RAW_JSON, serialize, type Mutation, type Path } from './invalid-values.ts';
import { validValues, type Hint } from './valid-values.ts';
import { fullWidth, oddString } from './odd-strings.ts';
import type { SchemaValidator } from './schema-validator.ts';

export type Part = 'params' | 'querystring' | 'headers' | 'body';

/** A request as parts, before it is put on the wire. */
export interface RequestParts {
  params: Record<string, string>;
  querystring: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: unknown;
  /** Sent instead of the body: bytes that are not the JSON the operation takes. */
  raw?: { contentType: string; text: string };
}

/**
 * valid: every part as the document allows (plus the hints' semantics); invalid: one change the
 * document forbids in one part; odd: allowed by the document, but with strange characters and
 * lengths at the limits.
 */
export type CaseKind = 'valid' | 'invalid' | 'odd';

export interface FuzzCase {
  kind: CaseKind;
  parts: RequestParts;
  /** For invalid cases: what was changed, and in which part. */
  mutation?: Mutation & { part: Part };
}

/** A path parameter value put into the URL as it is (an invalid percent-encoding, say). */
export const RAW_SEGMENT = '\u0000raw-segment:';

/** The operation's inputs as JSON Schemas: one object schema per part. */
export interface OperationInputs {
  params: JsonSchema;
  querystring: JsonSchema;
  headers: JsonSchema;
  body: JsonSchema | undefined;
  bodyRequired: boolean;
  contentType: string | undefined;
}

export function inputsOf(op: OperationRef): OperationInputs {
  const part = (where: string): JsonSchema => {
    const parameters = (op.operation.parameters ?? []).filter((p) => p.in === where);
    return {
      type: 'object',
      properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema])),
      required: parameters.filter((p) => p.required).map((p) => p.name),
      // Query strings are strict (unknown parameters are refused); headers always carry more.
      additionalProperties: where === 'header',
    };
  };
  const content = op.operation.requestBody?.content ?? {};
  const contentType = Object.keys(content)[0];
  return {
    params: part('path'),
    querystring: part('query'),
    headers: part('header'),
    body: contentType ? content[contentType]!.schema : undefined,
    bodyRequired: op.operation.requestBody?.required ?? false,
    contentType,
  };
}

/** Per-operation knowledge the document cannot carry: real ids, cross-field rules, fix-ups. */
export interface OperationPlan {
  /** Valid values for path parameters (real ids), by name. */
  params?: Record<string, () => fc.Arbitrary<string>>;
  hint?: Hint;
  /** Makes a generated valid part satisfy rules across fields (at least one of, from before to). */
  fix?: { querystring?: (value: Record<string, unknown>) => Record<string, unknown>; body?: (value: unknown) => unknown };
  /** Header values a valid request sends (If-Match is mostly left out: a guess is a 412). */
  headers?: () => fc.Arbitrary<Record<string, string>>;
}

const queryValue = (value: unknown, joined: boolean): string | string[] =>
  Array.isArray(value)
    ? joined
      ? value.map(String).join(',')
      : value.map((v) => String(v))
    : typeof value === 'string' && value.startsWith(RAW_JSON)
      ? value.slice(RAW_JSON.length)
      : String(value);

/** Query strings and params arrive as strings; the generator works on typed values. Arrays of `explode: false` parameters go comma-separated. */
const asStrings = (value: Record<string, unknown>, joined: ReadonlySet<string> = new Set()) =>
  Object.fromEntries(Object.entries(value).map(([k, v]) => [k, queryValue(v, joined.has(k))]));

/** Invalid values of one string-typed parameter (query, path or header). */
function parameterChanges(raw: JsonSchema, document: OpenApiDocument): string[] {
  const schema = resolveSchema(document, raw);
  const out: string[] = [];
  const types = typesOf(schema) ?? [];
  if (types.includes('integer') || types.includes('number')) {
    out.push('abc', '1e400', fullWidth('10'), '0x10', ' ', 'NaN', 'Infinity');
    if (types.includes('integer')) out.push('1.5', '9007199254740993');
    if (schema.maximum !== undefined) out.push(String(schema.maximum + 1));
    if (schema.minimum !== undefined) out.push(String(schema.minimum - 1), '-1e400');
    if (schema.minimum !== undefined && schema.minimum > 0) out.push('-0');
  }
  if (schema.enum) {
    const first = String(schema.enum[0]);
    // Upper case is a change only for values that are not upper case already (levels are: `IV`).
    out.push(...(first.toUpperCase() === first ? [] : [first.toUpperCase()]), fullWidth(first), `${first}\u200f`, 'unknown');
  }
  // A comma-separated list of enum values: an unknown one, alone or among known ones, or none at all.
  if (types.includes('array') && schema.items) {
    const items = resolveSchema(document, schema.items);
    const first = items.enum ? String(items.enum[0]) : undefined;
    if (first) out.push('unknown', `${first},unknown`, ...(first.toUpperCase() === first ? [first.toLowerCase()] : [first.toUpperCase()]), ',', '');
  }
  if (schema.maxLength !== undefined) out.push('x'.repeat(schema.maxLength + 1), '😀'.repeat(schema.maxLength + 1));
  if ((schema.minLength ?? 0) > 0) out.push('');
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern, 'u');
    out.push(...['a b', 'a\u0000b', 'ａｂｃ', '../../etc', 'a/b', 'é', 'x\u200f', `${'a'.repeat(Math.max(1, schema.minLength ?? 1))}\n`].filter((v) => !pattern.test(v)));
  }
  if (schema.format === 'date-time') out.push('2024-02-30T00:00:00Z', '2024-01-01', 'yesterday', fullWidth('2024-01-01T00:00:00Z'));
  return out;
}

/** Arbitraries of whole requests for one operation. */
export function requestCases(document: OpenApiDocument, op: OperationRef, plan: OperationPlan, check: { body: SchemaValidator; parameters: SchemaValidator }) {
  const inputs = inputsOf(op);
  const values = validValues({ document, hint: plan.hint });
  const invalid = invalidValues(document);

  const validParams = (): fc.Arbitrary<Record<string, string>> => {
    const properties = inputs.params.properties ?? {};
    return fc.record(
      Object.fromEntries(Object.keys(properties).map((name) => [name, plan.params?.[name]?.() ?? (values.at(properties[name]!, [name], name).map(String) as fc.Arbitrary<string>)])),
    ) as fc.Arbitrary<Record<string, string>>;
  };
  const validQuery = values.at(inputs.querystring).map((q) => plan.fix?.querystring?.(q as Record<string, unknown>) ?? (q as Record<string, unknown>));
  const validHeaders = (plan.headers?.() ?? values.at(inputs.headers)) as fc.Arbitrary<Record<string, string>>;
  const validBody: fc.Arbitrary<unknown> = inputs.body
    ? values.at(inputs.body).map((b) => plan.fix?.body?.(b) ?? b)
    : fc.constant(undefined);

  const validParts: fc.Arbitrary<RequestParts> = fc
    .record({ params: validParams(), querystring: validQuery, headers: validHeaders, body: validBody })
    .map((parts) => ({ ...parts, querystring: asStrings(parts.querystring as Record<string, unknown>, commaSeparated(op.operation)) }));

  /** One string parameter made invalid, or an unknown / repeated one added. */
  const parameterMutation = (part: 'params' | 'querystring' | 'headers'): fc.Arbitrary<{ value: Record<string, string | string[]>; path: Path; kind: string }> | undefined => {
    const schema = inputs[part];
    const names = Object.keys(schema.properties ?? {});
    const options: { path: Path; kind: string; value: string | string[] | undefined }[] = [];
    for (const name of names) {
      for (const wrong of parameterChanges(schema.properties![name]!, document)) options.push({ path: [name], kind: 'parameter_value', value: wrong });
      if (part === 'querystring') options.push({ path: [name], kind: 'repeated', value: ['1', '2'] });
    }
    // Every /v1 operation refuses query parameters it does not know (health probes and pages take any).
    if (part === 'querystring' && op.path.startsWith('/v1/')) for (const extra of ['unexpected', 'LIMIT', fullWidth('limit'), 'limit\u200b']) if (!names.includes(extra)) options.push({ path: [extra], kind: 'unknown_parameter', value: '1' });
    if (part === 'headers') {
      // Node refuses to send header values outside latin-1 and controls: only printable changes here.
      const sendable = options.filter((o) => typeof o.value === 'string' && /^[\x20-\x7e]*$/.test(o.value));
      options.length = 0;
      options.push(...sendable);
    }
    if (part === 'params') {
      const sendable = options.filter((o) => o.value !== '');
      options.length = 0;
      options.push(...sendable);
    }
    if (options.length === 0) return undefined;
    return fc.constantFrom(...options).map((o) => ({ value: { [String(o.path[0])]: o.value! }, path: o.path, kind: o.kind }));
  };

  const mutatedPart = (part: 'params' | 'querystring' | 'headers') => {
    const mutation = parameterMutation(part);
    if (!mutation) return undefined;
    return fc.tuple(validParts, mutation).map(([parts, m]): FuzzCase => ({
      kind: 'invalid',
      parts: { ...parts, [part]: { ...parts[part], ...m.value } },
      mutation: { part, value: m.value, path: m.path, kind: m.kind, unionPath: undefined, expectPath: true },
    }));
  };

  const jsonBody = inputs.contentType === 'application/json';
  // Other media types arrive as text: the only invalid text is none at all.
  const emptyText = fc.constant<Mutation>({ value: '', path: [], kind: 'empty_text', unionPath: undefined, expectPath: false });
  // A form's fields are all text: nothing in it can be of a wrong type. Only text bodies can be empty.
  const mutableBody = jsonBody || inputs.body?.type === 'string';
  const invalidBody = inputs.body && mutableBody
    ? fc
        .tuple(validParts, jsonBody ? invalid.of(inputs.body, validBody) : emptyText)
        .map(([parts, mutation]): FuzzCase => ({ kind: 'invalid', parts: { ...parts, body: mutation.value }, mutation: { ...mutation, part: 'body' } }))
    : undefined;

  // Bodies that are not JSON at all: truncated, empty, another media type, JSON under a text type.
  const rawBodies = jsonBody
    ? fc
        .tuple(
          validParts,
          fc.constantFrom(
            { contentType: 'application/json', text: '{"subject":' },
            { contentType: 'application/json', text: '' },
            { contentType: 'application/json', text: 'NaN' },
            { contentType: 'text/plain', text: 'hello' },
            { contentType: 'application/x-www-form-urlencoded', text: 'a=1&a=2' },
            { contentType: 'application/xml', text: '<a/>' },
          ),
        )
        .map(([parts, raw]): FuzzCase => ({ kind: 'invalid', parts: { ...parts, raw }, mutation: { part: 'body', value: raw.text, path: [], kind: `raw:${raw.contentType}`, unionPath: undefined, expectPath: false } }))
    : undefined;

  const invalidCases = [mutatedPart('params'), mutatedPart('querystring'), mutatedPart('headers'), invalidBody, rawBodies].filter((a): a is fc.Arbitrary<FuzzCase> => a !== undefined);

  /** Odd strings put into one string field that the document leaves free (no pattern, enum or format). */
  const oddCases = validParts.chain((parts): fc.Arbitrary<FuzzCase> => {
    const slots = freeStringSlots(document, inputs, parts);
    if (slots.length === 0) return fc.constant({ kind: 'odd', parts });
    return fc
      .constantFrom(...slots)
      .chain((slot) => oddString(slot.maxLength).map((odd): FuzzCase => ({ kind: 'odd', parts: slot.set(odd) })));
  });

  /**
   * Valid, invalid and odd requests, each invalid one checked against the schema: a change that
   * happened to be valid is demoted to an odd case (it must still never be a 5xx).
   */
  return fc
    .oneof(
      { weight: 3, arbitrary: validParts.map((parts): FuzzCase => ({ kind: 'valid', parts })) },
      // Operations that take no input at all (health probes) have nothing to make invalid.
      ...(invalidCases.length > 0 ? [{ weight: 5, arbitrary: fc.oneof(...invalidCases) }] : []),
      { weight: 2, arbitrary: oddCases },
    )
    .map((fuzzCase) => {
      if (fuzzCase.kind !== 'invalid' || !fuzzCase.mutation || fuzzCase.parts.raw) return fuzzCase;
      const { part } = fuzzCase.mutation;
      const schema = part === 'body' ? inputs.body! : inputs[part];
      const stillValid = (part === 'body' ? check.body : check.parameters)(schema, part === 'body' ? fuzzCase.parts.body : fuzzCase.parts[part]).valid;
      return stillValid ? { ...fuzzCase, kind: 'odd' as const } : fuzzCase;
    });
}

interface Slot {
  maxLength: number;
  set(value: string): RequestParts;
}

/** Places in a request where any string is allowed: there odd characters must be stored or refused cleanly. */
function freeStringSlots(document: OpenApiDocument, inputs: OperationInputs, parts: RequestParts): Slot[] {
  const slots: Slot[] = [];
  const free = (raw: JsonSchema) => {
    const schema = resolveSchema(document, raw);
    const alternatives = schema.anyOf ?? schema.oneOf;
    const stringy = alternatives ? alternatives.map((a) => resolveSchema(document, a)).find((a) => typesOf(a)?.includes('string')) : schema;
    if (!stringy || !typesOf(stringy)?.includes('string') || stringy.enum || stringy.const !== undefined || stringy.pattern || stringy.format) return undefined;
    return stringy;
  };
  for (const [name, raw] of Object.entries(inputs.querystring.properties ?? {})) {
    const schema = free(raw);
    if (schema) slots.push({ maxLength: schema.maxLength ?? 200, set: (value) => ({ ...parts, querystring: { ...parts.querystring, [name]: value } }) });
  }
  const walk = (raw: JsonSchema, value: unknown, path: Path) => {
    const schema = resolveSchema(document, raw);
    const stringy = free(raw);
    if (stringy && typeof value === 'string') {
      slots.push({
        maxLength: stringy.maxLength ?? 200,
        set: (odd) => {
          const body = structuredClone(parts.body) as Record<string | number, unknown>;
          let parent = body;
          for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
          parent[path[path.length - 1]!] = odd;
          return { ...parts, body };
        },
      });
      return;
    }
    if (Array.isArray(value)) value.forEach((item, i) => schema.items && walk(schema.items, item, [...path, i]));
    else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) if (schema.properties?.[key]) walk(schema.properties[key], item, [...path, key]);
  };
  if (inputs.body && parts.body && typeof parts.body === 'object') walk(inputs.body, parts.body, []);
  return slots;
}

export function urlOf(template: string, parts: RequestParts): string {
  const path = template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = parts.params[name] ?? '';
    return value.startsWith(RAW_SEGMENT) ? value.slice(RAW_SEGMENT.length) : encodeURIComponent(value);
  });
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parts.querystring)) for (const v of [value].flat()) query.append(name, v);
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/** Lone surrogates cannot be percent-encoded: send their (invalid) UTF-8 bytes instead. */
export function safeParams(parts: RequestParts): RequestParts {
  const params = Object.fromEntries(
    Object.entries(parts.params).map(([k, v]) => {
      try {
        encodeURIComponent(v);
        return [k, v];
      } catch {
        return [k, `${RAW_SEGMENT}%ED%A0%80`];
      }
    }),
  );
  return { ...parts, params };
}

export function send(http: ReturnType<typeof supertest>, op: OperationRef, parts: RequestParts, auth: Record<string, string>, contentType: string | undefined) {
  const method = op.method as 'get' | 'post' | 'put' | 'patch' | 'delete';
  // Public operations are called as their callers do, without a key (a survey answer with one is refused).
  const credentials = takesApiKey(op.operation) ? auth : {};
  const plain = http[method](urlOf(op.path, safeParams(parts))).set(credentials).set(parts.headers);
  const request = STREAM_PATHS.has(op.path) ? untilFirstBytes(plain) : plain;
  if (parts.raw) return request.set('content-type', parts.raw.contentType).send(parts.raw.text);
  if (parts.body === undefined || !contentType) return request;
  const form = contentType === 'application/x-www-form-urlencoded' && parts.body && typeof parts.body === 'object';
  const text = form
    ? new URLSearchParams(Object.entries(parts.body as Record<string, unknown>).flatMap(([k, v]) => [v].flat().map((item): [string, string] => [k, String(item)]))).toString()
    : typeof parts.body === 'string' && contentType !== 'application/json'
      ? parts.body
      : serialize(parts.body);
  return request.set('content-type', contentType).send(text);
}
