import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorResponses } from '../../http/error-responses.ts';
import { negotiate } from '../../http/accepts-json.ts';
import { msToDuration } from '../sla/durations.ts';
import { toCsv, type CsvCell } from './csv.ts';

export const CSV_TYPE = 'text/csv';

/** The route config of a report: its scope, and CSV besides JSON. */
export const REPORT_CONFIG = { scope: 'reports:read', alsoProduces: [CSV_TYPE] } as const;

/** 200 as JSON or (Accept: text/csv) CSV, documented both ways, and the usual problems. */
export function reportResponses(schema: z.ZodType, csv: string) {
  return {
    200: {
      description: 'The report: JSON, or CSV with `Accept: text/csv`',
      content: {
        'application/json': { schema },
        [CSV_TYPE]: { schema: z.string().describe(`RFC 4180 CSV with a header row (UTF-8, CRLF): ${csv}`) },
      },
    },
    ...errorResponses(),
  };
}

export interface CsvTable {
  filename: string;
  header: readonly string[];
  rows: readonly (readonly CsvCell[])[];
}

/** Sends the report in the negotiated type: the JSON object as it is, or its table as CSV. */
export function answer<T>(request: FastifyRequest, reply: FastifyReply, json: T, table: () => CsvTable): T | FastifyReply {
  reply.header('vary', 'Accept');
  if (negotiate(request.headers.accept, [CSV_TYPE]) !== CSV_TYPE) return json;
  const { filename, header, rows } = table();
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}.csv"`)
    .serializer((payload: unknown) => payload as string)
    .send(toCsv(header, rows));
}

export const duration = (ms: number | null) => (ms === null ? null : msToDuration(ms));
export const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms) / 1000);
export const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
