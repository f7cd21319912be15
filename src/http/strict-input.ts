import type { FastifyInstance } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

type Def = Record<string, unknown> & { type: string };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const cloneWith = <T extends z.ZodType>(schema: T, patch: Record<string, unknown>): T =>
  schema.clone(z.core.util.mergeDefs(defOf(schema), patch) as never) as T;

/** Wrappers whose `innerType` sees the same input as they do. */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'nonoptional', 'readonly', 'catch']);

const cache = new WeakMap<z.ZodType, z.ZodType>();

/**
 * The schema with every object that would silently drop unknown keys made strict, however deep
 * (inside optionals, arrays, unions, the input side of pipes). Requests are validated with this,
 * so an unknown field or query parameter, often a typo, is a 400 naming it rather than ignored.
 * Refinements and defaults are kept. Objects that chose a catchall (loose, strict) and
 * intersections (each side sees the other's keys) are left as they are. Validation only: the
 * OpenAPI document is built from the original schemas, see `markInputsStrict`.
 */
export function strictInput<T extends z.ZodType>(schema: T): T {
  const known = cache.get(schema);
  if (known) return known as T;
  const strict = makeStrict(schema);
  cache.set(schema, strict);
  return strict as T;
}

function makeStrict(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  if (def.type === 'object') {
    const shape = def.shape as Record<string, z.ZodType>;
    const strictShape = Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, strictInput(value)]));
    return cloneWith(schema, { shape: strictShape, ...(def.catchall === undefined ? { catchall: z.never() } : {}) });
  }
  if (WRAPPERS.has(def.type)) return rebuilt(schema, { innerType: def.innerType as z.ZodType });
  if (def.type === 'pipe') return rebuilt(schema, { in: def.in as z.ZodType });
  if (def.type === 'array') return rebuilt(schema, { element: def.element as z.ZodType });
  if (def.type === 'record') return rebuilt(schema, { valueType: def.valueType as z.ZodType });
  if (def.type === 'union') {
    const options = def.options as z.ZodType[];
    const strictOptions = options.map(strictInput);
    return strictOptions.every((option, i) => option === options[i]) ? schema : cloneWith(schema, { options: strictOptions });
  }
  if (def.type === 'tuple') {
    const items = def.items as z.ZodType[];
    const rest = def.rest as z.ZodType | null;
    const strictItems = items.map(strictInput);
    const strictRest = rest ? strictInput(rest) : rest;
    const same = strictRest === rest && strictItems.every((item, i) => item === items[i]);
    return same ? schema : cloneWith(schema, { items: strictItems, rest: strictRest });
  }
  return schema;
}

/** Clones `schema` with its child schemas made strict, or returns it when none changed. */
function rebuilt(schema: z.ZodType, children: Record<string, z.ZodType>): z.ZodType {
  const patch: Record<string, z.ZodType> = {};
  for (const [key, child] of Object.entries(children)) {
    const strict = strictInput(child);
    if (strict !== child) patch[key] = strict;
  }
  return Object.keys(patch).length === 0 ? schema : cloneWith(schema, patch);
}

type JsonSchema = Record<string, unknown>;
const SUBSCHEMA_LISTS = ['anyOf', 'oneOf', 'prefixItems'] as const;
const SUBSCHEMA_SINGLE = ['items', 'not'] as const;

/**
 * The document's side of `strictInput`: every object schema of a request that does not say what
 * it does with other keys gets `additionalProperties: false`, which is what the validator does.
 * (`allOf`, the intersections `strictInput` leaves alone, is left alone here too.) Mutates in place.
 */
export function markInputsStrict(schema: unknown): void {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return;
  const node = schema as JsonSchema;
  if (node.allOf) return;
  if (node.type === 'object' && node.additionalProperties === undefined && node.propertyNames === undefined) node.additionalProperties = false;
  if (node.properties && typeof node.properties === 'object') for (const child of Object.values(node.properties)) markInputsStrict(child);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') markInputsStrict(node.additionalProperties);
  for (const key of SUBSCHEMA_LISTS) if (Array.isArray(node[key])) for (const child of node[key] as unknown[]) markInputsStrict(child);
  for (const key of SUBSCHEMA_SINGLE) markInputsStrict(node[key]);
}

/** Validates bodies and query strings with `strictInput`; params and headers as declared (headers always carry more). */
export const strictValidatorCompiler: typeof validatorCompiler = (route) => {
  const strict = (route.httpPart === 'body' || route.httpPart === 'querystring') && route.schema instanceof z.ZodType;
  return validatorCompiler({ ...route, schema: strict ? strictInput(route.schema as z.ZodType) : route.schema });
};

const NoQuery = z.object({});

/**
 * Every documented /v1 route rejects query parameters it does not know, also when it takes none.
 * Register before the routes.
 */
export function registerStrictInput(app: FastifyInstance) {
  app.setValidatorCompiler(strictValidatorCompiler);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/v1/') && route.schema && !route.schema.querystring) route.schema.querystring = NoQuery;
  });
}
