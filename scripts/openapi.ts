// `npm run openapi`: regenerates openapi/openapi.json, the committed contract (a test checks it).
import { writeFile } from 'node:fs/promises';
import { generateOpenApiDocument } from '../src/http/openapi-document.ts';

const target = new URL('../openapi/openapi.json', import.meta.url);
await writeFile(target, await generateOpenApiDocument());
process.stdout.write(`wrote ${target.pathname}\n`);
