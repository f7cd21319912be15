import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.ts';
import { operationsOf, type OpenApiDocument, type OperationRef } from '../support/openapi/json-schema.ts';
import { createSchemaValidator, type SchemaValidator } from '../support/openapi/schema-validator.ts';
import { inputsOf, requestCases, send, type FuzzCase } from '../support/openapi/requests.ts';
import { contractViolations } from '../support/openapi/response-contract.ts';
import { createFixtures, type Fixtures } from './openapi-fuzz.fixtures.ts';
import { plansFor } from './openapi-fuzz.plans.ts';
import committed from '../../openapi/openapi.json' with { type: 'json' };

/**
 * Every operation of the served OpenAPI document, fuzzed from its own schemas: valid requests,
 * requests with one thing the document forbids, and requests with odd characters and lengths at
 * the limits. Whatever comes in: never a 5xx, only documented statuses, 2xx bodies that match
 * their documented schema, 4xx as problem+json, and invalid input a 400 naming the field.
 *
 * Reproducible by default (a fixed seed); explore with FUZZ_SEED=… FUZZ_RUNS=… (FUZZ_STATS=file
 * writes the statuses seen per operation and case kind).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_401);
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
/** The sign-in hashes every attempt (Argon2, on purpose slow): fewer runs keep the file quick. */
const SLOW = new Set(['POST /v1/sessions', 'POST /v1/agents', 'PATCH /v1/agents/{id}']);

let h: Harness;
let document: OpenApiDocument;
let fixtures: Fixtures;
let checkBody: SchemaValidator;
let checkParameters: SchemaValidator;
const stats: Record<string, Record<string, number>> = {};

beforeAll(async () => {
  h = await createHarness();
  document = (await h.http.get('/openapi.json').expect(200)).body as OpenApiDocument;
  checkBody = createSchemaValidator(document);
  checkParameters = createSchemaValidator(document, { coerce: true });
  fixtures = await createFixtures(h, 12);
});
afterAll(async () => {
  if (process.env.FUZZ_STATS) writeFileSync(process.env.FUZZ_STATS, JSON.stringify(stats, null, 2));
  await h?.close();
});

const seedOf = (key: string) => [...key].reduce((hash, ch) => (Math.imul(hash, 31) + ch.charCodeAt(0)) | 0, SEED);

/** The request of a failing case, short enough to read (bodies can be a megabyte of one letter). */
function describeCase(op: OperationRef, c: FuzzCase): string {
  const text = JSON.stringify({ kind: c.kind, mutation: c.mutation && { part: c.mutation.part, path: c.mutation.path, kind: c.mutation.kind }, ...c.parts }, (_k, v: unknown) =>
    typeof v === 'string' && v.length > 120 ? `${v.slice(0, 40)}…(${v.length} chars)` : v,
  );
  return `${op.key} ${text.slice(0, 3000)}`;
}

// The operation list is known only once the app serves its document: read the committed one to
// name the tests, and check in the first test that it is the one served.
const operations = operationsOf(committed as unknown as OpenApiDocument);

describe('every documented operation, fuzzed', () => {
  it('has a fuzz plan, and no plan names an operation the document lacks', () => {
    expect(operationsOf(document).map((op) => op.key)).toEqual(operations.map((op) => op.key));
    const plans = plansFor(fixtures);
    const keys = operations.map((op) => op.key);
    expect(keys.filter((key) => !plans[key]), 'operations without a fuzz plan').toEqual([]);
    expect(Object.keys(plans).filter((key) => !keys.includes(key)), 'plans of operations the document does not have').toEqual([]);
  });

  for (const { key } of operations) {
    it(key, async () => {
      const op = operationsOf(document).find((o) => o.key === key)!;
      const plan = plansFor(fixtures)[key]!;
      const contentType = inputsOf(op).contentType;
      const cases = requestCases(document, op, plan, { body: checkBody, parameters: checkParameters });
      const seen = (stats[key] ??= {});
      await fc.assert(
        fc.asyncProperty(cases, async (fuzzCase) => {
          const res = await send(h.http, op, fuzzCase.parts, h.auth, contentType);
          const tag = `${fuzzCase.kind} ${res.status}`;
          seen[tag] = (seen[tag] ?? 0) + 1;
          const violations = contractViolations(op, fuzzCase, { status: res.status, headers: res.headers, body: res.body, text: res.text }, checkBody, plan);
          if (violations.length > 0) throw new Error(`${violations.join('\n')}\n  request: ${describeCase(op, fuzzCase)}`);
        }),
        {
          // One seed per operation, derived from the run's: reproducible, yet each explores its own way.
          seed: seedOf(key),
          numRuns: SLOW.has(key) ? Math.max(5, Math.round(RUNS / 3)) : RUNS,
          // The first failure, not a long shrink against a live service whose state moved on.
          endOnFailure: true,
          reporter: (run) => {
            if (run.failed) throw new Error(`seed ${run.seed}, path ${run.counterexamplePath}: ${run.errorInstance instanceof Error ? run.errorInstance.message : String(run.errorInstance)}`);
          },
        },
      );
    });
  }
});
