// Generates src/generated/ from the service's OpenAPI document with @hey-api/openapi-ts.
// `node scripts/generate.mjs [--input FILE] [--output DIR]`; `npm run openapi` at the root runs it,
// and the root drift test runs it into a temporary folder and compares.
// It runs with this package's own node_modules: the generator needs TypeScript 5's compiler API,
// which the service's TypeScript 7 does not have.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createClient } from '@hey-api/openapi-ts';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const { values } = parseArgs({
  options: {
    input: { type: 'string', default: here('../../openapi.json') },
    output: { type: 'string', default: here('../src/generated') },
  },
});

await createClient({
  input: values.input,
  output: { path: values.output, importFileExtension: '.js', clean: true },
  logs: { level: 'silent' },
  plugins: [
    '@hey-api/typescript',
    { name: '@hey-api/sdk', operations: { strategy: 'single', containerName: 'TicketingApi', methods: 'instance' } },
    { name: '@hey-api/client-fetch', throwOnError: true },
  ],
});

// The generated client names the DOM's global `BodyInit`, which Node's fetch types (no DOM lib, as
// in the service's tsconfig) do not declare: spell it as what it is, the type of a request body.
const client = join(values.output, 'client', 'client.gen.ts');
const text = await readFile(client, 'utf8');
await writeFile(client, text.replaceAll(/\bBodyInit\b/g, "NonNullable<RequestInit['body']>"));
