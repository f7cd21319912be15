// `npm run openapi`: regenerates openapi/openapi.json, the committed contract, and the SDK's
// generated client from it (openapi/sdk/src/generated); tests check that both are current.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generateOpenApiDocument } from '../src/http/openapi-document.ts';
import { generateSdk } from './sdk-generator.ts';

const target = new URL('../openapi/openapi.json', import.meta.url);
await writeFile(target, await generateOpenApiDocument());
process.stdout.write(`wrote ${target.pathname}\n`);
generateSdk(fileURLToPath(target));
process.stdout.write('wrote openapi/sdk/src/generated\n');
