import { z } from 'zod';
import type { KeysetPosition } from '../db/keyset.ts';
import { badRequest } from './problem.ts';

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size, 1..200'),
  cursor: z.string().max(300).optional().describe('`nextCursor` of the previous page'),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
  });

const PositionSchema = z
  .tuple([z.iso.datetime({ offset: true }), z.string().min(1).max(64)])
  .transform(([createdAt, id]): KeysetPosition => ({ createdAt: new Date(createdAt), id }));

const DueSchema = z
  .tuple([z.iso.datetime({ offset: true }), z.string().min(1).max(64)])
  .transform(([dueAt, id]) => ({ dueAt: new Date(dueAt), id }));

const RankSchema = z
  .tuple([z.number().finite(), z.iso.datetime({ offset: true }), z.string().min(1).max(64)])
  .transform(([rank, createdAt, id]) => ({ rank, createdAt: new Date(createdAt), id }));

const SeqSchema = z.tuple([z.number().int().nonnegative()]).transform(([seq]) => seq);

export function encodeCursor(parts: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** A cursor is opaque to clients; anything that is not one of ours is a 400, never a 5xx. */
function decode<T>(cursor: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw badRequest('request.invalid_cursor', 'The cursor is not one this service issued', [
      { path: 'querystring.cursor', message: 'invalid cursor' },
    ]);
  }
}

export const decodePositionCursor = (cursor: string | undefined) => decode(cursor, PositionSchema);
export const decodeDueCursor = (cursor: string | undefined) => decode(cursor, DueSchema);
export const decodeRankCursor = (cursor: string | undefined) => decode(cursor, RankSchema);
export const decodeSeqCursor = (cursor: string | undefined) => decode(cursor, SeqSchema);

/** Callers fetch limit + 1 rows; the extra row only tells whether there is a next page. */
export function toPage<Row, Out>(rows: Row[], limit: number, present: (row: Row) => Out, position: (row: Row) => (string | number)[]) {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    data: page.map(present),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(position(last)) : null,
  };
}

export const byCreatedAt = (row: KeysetPosition) => [row.createdAt.toISOString(), row.id];
