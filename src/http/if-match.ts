import { invalidIfMatch } from '../modules/tickets/tickets.errors.ts';

/** Accepts `3`, `"3"` and `W/"3"`; absent means "update whatever is current". */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) throw invalidIfMatch();
  return Number(match[1]);
}
