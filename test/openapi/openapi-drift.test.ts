import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generateOpenApiDocument } from '../../src/http/openapi-document.ts';

describe('openapi/openapi.json', () => {
  it('is what the routes generate (run `npm run openapi` and commit when this fails)', async () => {
    const committed = await readFile(new URL('../../openapi/openapi.json', import.meta.url), 'utf8');
    expect(JSON.parse(committed)).toEqual(JSON.parse(await generateOpenApiDocument()));
  });

  it('documents request, response and error schemas for every operation', async () => {
    const document = JSON.parse(await generateOpenApiDocument()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, { description?: string; $ref?: string }>; operationId?: string }>>;
    };
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThan(15);
    for (const { path, method, op } of operations) {
      const statuses = Object.keys(op.responses);
      expect(statuses.some((s) => s.startsWith('2')), `${method} ${path} has a success response`).toBe(true);
      expect(statuses.some((s) => s.startsWith('4')), `${method} ${path} documents errors`).toBe(true);
      expect(op.operationId, `${method} ${path} has an operationId`).toBeTruthy();
      // @fastify/swagger's placeholder for a response nobody described.
      for (const [status, response] of Object.entries(op.responses)) if (!response.$ref) expect(response.description, `${method} ${path} ${status}`).not.toMatch(/^(Default Response)?$/);
    }
  });
});
