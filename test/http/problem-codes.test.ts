import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../../src/http/problem.ts';
import { generateOpenApiDocument } from '../../src/http/openapi-document.ts';
import { PROBLEM_CODE_PATTERN, problemCodesInSource } from '../support/problem-codes.ts';

/**
 * `Problem.code` is an enum in the OpenAPI document (clients switch on it), so the list in
 * src/http/problem.ts must be every code the service can answer, and only those
 * (test/support/problem-codes.ts reads them out of the source).
 */
describe('problem codes', () => {
  it('the enum in src/http/problem.ts is every code the source answers, and no other', async () => {
    const found = await problemCodesInSource();
    for (const code of found) expect(code, 'a code must look like `feature.what`').toMatch(PROBLEM_CODE_PATTERN);
    const listed = new Set<string>(PROBLEM_CODES);
    expect([...found].filter((code) => !listed.has(code)).sort(), 'codes the source answers that PROBLEM_CODES lacks').toEqual([]);
    expect([...listed].filter((code) => !found.has(code)).sort(), 'codes in PROBLEM_CODES that nothing answers').toEqual([]);
  });

  it('is the enum of `Problem.code` in the document', async () => {
    const document = JSON.parse(await generateOpenApiDocument()) as { components: { schemas: { Problem: { properties: { code: { enum: string[] } } } } } };
    expect(document.components.schemas.Problem.properties.code.enum).toEqual([...PROBLEM_CODES]);
  });
});
