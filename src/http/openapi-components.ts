import { isDeepStrictEqual } from 'node:util';

/**
 * fastify-type-provider-zod emits every registered schema twice, `X` (the response side) and
 * `XInput` (the request side), used or not, equal or not. Clients generated from the document
 * would get two types for one thing. This keeps one component per thing:
 * - `XInput` equal to `X` (once their own references are read the same way) becomes `X`;
 * - an `XInput` whose `X` nothing uses takes the name `X` (request-only schemas: `CreateTicket`);
 * - what no operation reaches, directly or through other components, is dropped.
 * `XInput` remains only where the request side really differs (defaults make a field optional
 * on the way in, required on the way out).
 */

type Json = unknown;
type Document = { paths?: Json; webhooks?: Json; components?: { schemas?: Record<string, Json> } & Record<string, Json> };

const PREFIX = '#/components/schemas/';
const INPUT = 'Input';

/** Every `$ref` in `value` rewritten through `rename` (names not in it stay). */
function renameRefs(value: Json, rename: ReadonlyMap<string, string>): Json {
  if (Array.isArray(value)) return value.map((item) => renameRefs(item, rename));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(PREFIX)) {
        const name = child.slice(PREFIX.length);
        return [key, PREFIX + (rename.get(name) ?? name)];
      }
      return [key, renameRefs(child, rename)];
    }),
  );
}

function collectRefs(value: Json, into: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) collectRefs(item, into);
  else if (value && typeof value === 'object')
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(PREFIX)) into.add(child.slice(PREFIX.length));
      else collectRefs(child, into);
    }
}

/** The components reachable from the operations (and webhooks), following references. */
function reachable(document: Document, schemas: Record<string, Json>): Set<string> {
  const seen = new Set<string>();
  const roots = new Set<string>();
  collectRefs({ paths: document.paths, webhooks: document.webhooks, other: { ...document.components, schemas: undefined } }, roots);
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name) || !(name in schemas)) continue;
    seen.add(name);
    const refs = new Set<string>();
    collectRefs(schemas[name], refs);
    queue.push(...refs);
  }
  return seen;
}

/**
 * The pairs `XInput` → `X` that are the same schema. Assumes every pair is, then drops the pairs
 * that differ under that assumption until nothing changes (so pairs that refer to each other,
 * recursion included, merge together or not at all).
 */
function equalTwins(schemas: Record<string, Json>): Map<string, string> {
  const twins = new Map<string, string>();
  for (const name of Object.keys(schemas)) {
    const base = name.slice(0, -INPUT.length);
    if (name.endsWith(INPUT) && base in schemas) twins.set(name, base);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const [input, base] of twins) {
      if (!isDeepStrictEqual(renameRefs(schemas[input], twins), renameRefs(schemas[base], twins))) {
        twins.delete(input);
        changed = true;
      }
    }
  }
  return twins;
}

export function mergeInputTwins<T extends Document>(document: T): T {
  const schemas = document.components?.schemas;
  if (!schemas) return document;
  const rename = equalTwins(schemas);
  let current: Record<string, Json> = Object.fromEntries(Object.entries(schemas).filter(([name]) => !rename.has(name)));
  let rest = renameRefs({ ...document, components: { ...document.components, schemas: current } }, rename) as T;
  current = rest.components!.schemas!;

  // Request-only schemas: the output twin is never used, so the input takes its name.
  const used = reachable(rest, current);
  const promote = new Map<string, string>();
  for (const name of used) {
    const base = name.slice(0, -INPUT.length);
    if (name.endsWith(INPUT) && !used.has(base)) promote.set(name, base);
  }
  const kept = Object.entries(current)
    .filter(([name]) => used.has(name))
    .map(([name, schema]): [string, Json] => [promote.get(name) ?? name, schema]);
  rest = renameRefs({ ...rest, components: { ...rest.components, schemas: Object.fromEntries(kept) } }, promote) as T;
  return rest;
}
