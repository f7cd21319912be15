import { invalidIfMatch } from '../modules/tickets/tickets.errors.ts';
import { preconditionFailed } from './problem.ts';

/** Accepts `3`, `"3"` and `W/"3"`; absent means "update whatever is current". */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) throw invalidIfMatch();
  return Number(match[1]);
}

/**
 * A versioned update or delete that changed nothing: the row is gone (404) or its version moved
 * on (412). One read tells which, and only on the failure path.
 */
export async function orStaleOrMissing<T>(
  result: T | undefined | false,
  exists: () => Promise<unknown>,
  notFound: () => Error,
): Promise<T> {
  if (result) return result;
  if (await exists()) throw preconditionFailed();
  throw notFound();
}
