import { isDeepStrictEqual } from 'node:util';
import { COMMA_SEPARATED } from './common.schemas.ts';

type Schema = Record<string, unknown>;
type Parameter = { in: string; name: string; schema?: Schema; style?: string; explode?: boolean };
type Document = { paths?: unknown; components?: { schemas?: Record<string, unknown> } };

/**
 * Comma-separated list parameters (`status=open,pending`, `csv()` in common.schemas.ts) arrive as
 * one string, which zod splits. The document shows them as what they are, an array of enum values
 * sent as `style: form, explode: false`, so generated clients take `['open', 'pending']` and put it
 * on the wire comma-separated. Items reference the enum's component when there is one
 * (`TicketStatus`), so clients get one type for both.
 */
export function commaSeparatedArrays<T extends Document>(document: T): T {
  const enums = Object.entries(document.components?.schemas ?? {}).filter(([, schema]) => Array.isArray((schema as Schema).enum));
  const itemsOf = (values: string[]): Schema => {
    const named = enums.find(([, schema]) => isDeepStrictEqual((schema as Schema).enum, values));
    return named ? { $ref: `#/components/schemas/${named[0]}` } : { type: 'string', enum: values };
  };
  for (const item of Object.values((document.paths ?? {}) as Record<string, Record<string, { parameters?: Parameter[] }>>)) {
    for (const operation of Object.values(item)) {
      for (const parameter of operation.parameters ?? []) {
        const values = parameter.schema?.[COMMA_SEPARATED];
        if (parameter.in !== 'query' || !Array.isArray(values)) continue;
        parameter.schema = { type: 'array', items: itemsOf(values as string[]), minItems: 1 };
        parameter.style = 'form';
        parameter.explode = false;
      }
    }
  }
  return document;
}
