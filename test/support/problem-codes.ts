import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { STATUS_TITLES } from '../../src/http/error-handler.ts';

/**
 * Every problem code the source can answer, read out of it: `code: '…'` (also both sides of a
 * `?:`), the first argument of the problem factories, `notFound('tickets')` → `tickets.not_found`,
 * the error handler's map of Fastify's errors, and the codes it derives from a status title
 * (`request.too_many_requests`).
 */
const SRC = new URL('../../src/', import.meta.url).pathname;
export const PROBLEM_CODE_PATTERN = /^[a-z_]+(\.[a-z_]+)?$/;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'assets' ? [] : sourceFiles(path);
      return entry.name.endsWith('.ts') ? [path] : [];
    }),
  );
  return nested.flat();
}

const literals = (text: string) => [...text.matchAll(/'([^'\n]*)'/g)].map((m) => m[1]!);

export async function problemCodesInSource(): Promise<Set<string>> {
  const codes = new Set<string>();
  for (const file of await sourceFiles(SRC)) {
    const text = await readFile(file, 'utf8');
    // zod's own issue codes (`ctx.addIssue({ code: 'custom' })`) are not ours.
    for (const m of text.matchAll(/(?<!addIssue\(\{ )\bcode: ([^,}\n]+)/g)) for (const code of literals(m[1]!)) if (code !== 'custom') codes.add(code);
    for (const m of text.matchAll(/\b(?:conflict|unprocessable|badRequest)\(\s*'([^']+)'/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/\bnotFound\(\s*'([^']+)'/g)) codes.add(`${m[1]}.not_found`);
    for (const m of text.matchAll(/\bFST_ERR_\w+: '([^']+)'/g)) codes.add(m[1]!);
  }
  for (const [status, title] of Object.entries(STATUS_TITLES)) if (Number(status) < 500) codes.add(`request.${title.toLowerCase().replace(/\s+/g, '_')}`);
  return codes;
}

