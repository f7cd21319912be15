import { z } from 'zod';
import type { FeedPosition } from './committed-events.ts';

const CursorSchema = z.tuple([z.string().regex(/^\d{1,20}$/), z.number().int().nonnegative()]);

/** A change-feed cursor (also the SSE event id): undefined when it is not one of ours. */
export function decodeFeedCursor(cursor: string): FeedPosition | undefined {
  try {
    const [txid, seq] = CursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { txid, seq };
  } catch {
    return undefined;
  }
}
