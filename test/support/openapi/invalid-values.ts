import fc from 'fast-check';
import { resolveSchema, typesOf, type JsonSchema, type OpenApiDocument } from './json-schema.ts';
import { fullWidth } from './odd-strings.ts';

export type Path = (string | number)[];

/** One thing made wrong in an otherwise valid value, and where, so the error can be expected there. */
export interface Mutation {
  value: unknown;
  path: Path;
  kind: string;
  /** The nearest anyOf/oneOf around the change: a validator may report the failure there instead. */
  unionPath: Path | undefined;
  /** false when the request is refused before validation (a forbidden key, unparseable JSON): no field path to expect. */
  expectPath: boolean;
}

/** Written in place of a value, replaced in the JSON text by the literal: JSON.stringify cannot write 1e400. */
export const RAW_JSON = '\u0000raw-json:';
export const rawJson = (literal: string) => `${RAW_JSON}${literal}`;
export const serialize = (value: unknown) =>
  JSON.stringify(value).replace(new RegExp(`"\\\\u0000raw-json:([^"]*)"`, 'g'), (_m, literal: string) => literal);

const deeplyNested = (depth: number) => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

const jsonType = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value);

/** Values of a type the schema never takes. */
const WRONG_TYPED: unknown[] = [0, -1, 1.5, true, false, null, 'text', '', '5', 'NaN', [], ['text'], {}, { nested: {} }, deeplyNested(2_000)];

interface Site {
  schema: JsonSchema;
  value: unknown;
  path: Path;
  unionPath: Path | undefined;
}

type Change = { path: Path; kind: string; replace?: unknown; remove?: boolean; expectPath?: boolean };

/**
 * Invalid variants of valid values: each picks one place in the value and makes it wrong in one
 * way the schema forbids (wrong type, missing required, unknown key, out of range, too long,
 * pattern or enum violated, malformed date or email). Whether the result is really invalid is
 * for the caller to confirm against the schema (a change can happen to land on something valid).
 */
export function invalidValues(document: OpenApiDocument) {
  const resolve = (schema: JsonSchema) => resolveSchema(document, schema);

  /** The types a schema accepts, looking through unions, enums and consts. */
  function acceptedTypes(raw: JsonSchema): Set<string> | 'any' {
    const schema = resolve(raw);
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (alternatives) {
      const all = new Set<string>();
      for (const option of alternatives) {
        const types = acceptedTypes(option);
        if (types === 'any') return 'any';
        for (const type of types) all.add(type);
      }
      return all;
    }
    if (schema.const !== undefined) return new Set([jsonType(schema.const)]);
    if (schema.enum) return new Set(schema.enum.map(jsonType));
    const types = typesOf(schema);
    if (!types) return 'any';
    const set = new Set(types);
    if (set.has('number')) set.add('integer');
    return set;
  }

  /** Which alternative of a union a valid value took (first that fits by type, const and required keys). */
  function chosenAlternative(alternatives: JsonSchema[], value: unknown): JsonSchema | undefined {
    return alternatives.find((option) => {
      const schema = resolve(option);
      const types = acceptedTypes(option);
      if (types !== 'any' && !types.has(jsonType(value)) && !(types.has('number') && typeof value === 'number')) return false;
      if (schema.properties && value && typeof value === 'object' && !Array.isArray(value)) {
        return Object.entries(schema.properties).every(([key, property]) => {
          const constant = resolve(property).const;
          return constant === undefined || (value as Record<string, unknown>)[key] === constant;
        });
      }
      return true;
    });
  }

  function sites(raw: JsonSchema, value: unknown, path: Path, unionPath: Path | undefined, out: Site[]): Site[] {
    const schema = resolve(raw);
    out.push({ schema: raw, value, path, unionPath });
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (alternatives) {
      const chosen = chosenAlternative(alternatives, value);
      if (chosen) {
        const inner = resolve(chosen);
        // Only descend: the union itself was recorded above.
        if (value && typeof value === 'object') descend(inner, value, path, path, out);
      }
      return out;
    }
    if (value && typeof value === 'object') descend(schema, value, path, unionPath, out);
    return out;
  }

  function descend(schema: JsonSchema, value: object, path: Path, unionPath: Path | undefined, out: Site[]) {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        const itemSchema = schema.prefixItems?.[i] ?? (schema.items || undefined);
        if (itemSchema) sites(itemSchema, item, [...path, i], unionPath, out);
      });
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      const child = schema.properties?.[key];
      if (child) sites(child, item, [...path, key], unionPath, out);
    }
  }

  /** The ways one site can be made wrong. */
  function changesAt(site: Site): Change[] {
    const schema = resolve(site.schema);
    const { path, value } = site;
    const changes: Change[] = [];
    const types = acceptedTypes(site.schema);
    for (const wrong of WRONG_TYPED) {
      if (types !== 'any' && !types.has(jsonType(wrong))) changes.push({ path, kind: `wrong_type:${jsonType(wrong)}`, replace: wrong });
    }
    if (types !== 'any' && !types.has('integer') && !types.has('number')) changes.push({ path, kind: 'wrong_type:1e400', replace: rawJson('1e400') });
    if (schema.enum) {
      const first = String(schema.enum[0]);
      for (const wrong of [first.toUpperCase(), ` ${first}`, fullWidth(first), `${first}\u200b`, 'unknown']) changes.push({ path, kind: 'not_in_enum', replace: wrong });
    }
    if (schema.const !== undefined && typeof schema.const === 'string') changes.push({ path, kind: 'not_const', replace: `${schema.const}_` });
    if (typeof value === 'string') changes.push(...stringChanges(schema, value, path));
    if (typeof value === 'number') changes.push(...numberChanges(schema, path));
    if (Array.isArray(value)) {
      if (schema.maxItems !== undefined && value.length > 0) {
        changes.push({ path, kind: 'too_many_items', replace: Array.from({ length: schema.maxItems + 1 }, (_, i) => value[i % value.length]) });
      }
      if (schema.minItems !== undefined && schema.minItems > 0) changes.push({ path, kind: 'too_few_items', replace: [] });
      if (schema.items === false && schema.prefixItems) changes.push({ path, kind: 'extra_tuple_item', replace: [...value, value[0]] });
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const key of schema.required ?? []) if (key in value) changes.push({ path: [...path, key], kind: 'missing_required', remove: true });
      if (schema.additionalProperties === false) {
        const known = Object.keys(schema.properties ?? {});
        const lookalike = known[0] ? [fullWidth(known[0]), `${known[0]}\u200b`, known[0].toUpperCase()] : [];
        for (const key of ['unexpected', 'constructor', '', ...lookalike]) {
          if (!known.includes(key)) changes.push({ path: [...path, key], kind: 'unknown_key', replace: key === '' ? deeplyNested(50) : 'x' });
        }
        changes.push({ path: [...path, '__proto__'], kind: 'forbidden_key', replace: { admin: true }, expectPath: false });
      }
    }
    return changes;
  }

  function stringChanges(schema: JsonSchema, value: string, path: Path): Change[] {
    const changes: Change[] = [];
    if (schema.maxLength !== undefined) {
      const over = schema.maxLength + 1;
      changes.push({ path, kind: 'too_long', replace: 'x'.repeat(over) });
      changes.push({ path, kind: 'too_long_astral', replace: '😀'.repeat(over) });
      changes.push({ path, kind: 'too_long_huge', replace: 'y'.repeat(Math.min(over + 200_000, 900_000)) });
    }
    if ((schema.minLength ?? 0) > 0) changes.push({ path, kind: 'too_short', replace: '' });
    if (schema.pattern) {
      const pattern = new RegExp(schema.pattern, 'u');
      for (const wrong of [`${value} `, ` ${value}`, `${value}\u200f`, fullWidth(value), `a\u0000b`, 'a b', `${value}\n`]) {
        if (!pattern.test(wrong)) changes.push({ path, kind: 'pattern', replace: wrong });
      }
    }
    if (schema.format === 'date-time') {
      for (const wrong of ['2024-02-30T10:00:00Z', '2024-01-01', '2024-01-01T25:00:00Z', '2024-01-01 10:00:00', 'now', fullWidth('2024-01-01T00:00:00Z'), '+275760-09-13T00:00:00.000Z', '1e400']) {
        changes.push({ path, kind: 'bad_date_time', replace: wrong });
      }
    }
    if (schema.format === 'date') for (const wrong of ['2023-02-29', '2024-13-01', '20240101', fullWidth('2024-01-01')]) changes.push({ path, kind: 'bad_date', replace: wrong });
    if (schema.format === 'email') for (const wrong of ['nobody', 'a@b', 'a@@b.com', fullWidth('a@b.com'), 'a b@c.com', 'a@b.com\u200f']) changes.push({ path, kind: 'bad_email', replace: wrong });
    return changes;
  }

  function numberChanges(schema: JsonSchema, path: Path): Change[] {
    const changes: Change[] = [];
    const integer = typesOf(schema)?.includes('integer');
    if (schema.maximum !== undefined) changes.push({ path, kind: 'above_maximum', replace: schema.maximum + (integer ? 1 : 0.5) }, { path, kind: 'huge', replace: rawJson('1e400') });
    if (schema.minimum !== undefined) changes.push({ path, kind: 'below_minimum', replace: schema.minimum - (integer ? 1 : 0.5) }, { path, kind: 'negative_huge', replace: rawJson('-1e400') });
    if (schema.minimum !== undefined && schema.minimum > 0) changes.push({ path, kind: 'negative_zero', replace: rawJson('-0') });
    if (integer) changes.push({ path, kind: 'not_integer', replace: 1.5 }, { path, kind: 'unsafe_integer', replace: rawJson('9007199254740993') });
    return changes;
  }

  function apply(root: unknown, change: Change): unknown {
    if (change.path.length === 0) return change.replace;
    const copy = structuredClone(root) as Record<string | number, unknown>;
    let parent = copy;
    for (const key of change.path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = change.path[change.path.length - 1]!;
    if (change.remove) delete parent[last];
    else if (last === '__proto__') Object.defineProperty(parent, '__proto__', { value: change.replace, enumerable: true, configurable: true, writable: true });
    else parent[last] = change.replace;
    return copy;
  }

  /** Invalid variants of the values of `valid`, one change each. */
  function of(schema: JsonSchema, valid: fc.Arbitrary<unknown>): fc.Arbitrary<Mutation> {
    return valid.chain((value) => {
      const candidates = sites(schema, value, [], undefined, []).flatMap((site) => changesAt(site).map((change) => ({ site, change })));
      if (candidates.length === 0) throw new Error('nothing to make invalid');
      return fc.constantFrom(...candidates).map(({ site, change }) => ({
        value: apply(value, change),
        path: change.path,
        kind: change.kind,
        unionPath: site.unionPath,
        expectPath: change.expectPath ?? true,
      }));
    });
  }

  return { of };
}
