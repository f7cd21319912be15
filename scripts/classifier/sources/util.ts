import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDelimited } from '../csv.ts';

export function readText(datasetsDir: string, ...parts: string[]): string {
  return readFileSync(join(datasetsDir, ...parts), 'utf8');
}

export function readCsv(datasetsDir: string, parts: string[], options: { delimiter?: string; quotes?: boolean } = {}): string[][] {
  return parseDelimited(readText(datasetsDir, ...parts), options);
}

/** Trims, strips BOMs and collapses whitespace; returns '' for rows to drop. */
export function clean(text: string | undefined): string {
  return (text ?? '').replace(/\ufeff/g, '').replace(/\s+/g, ' ').trim();
}
