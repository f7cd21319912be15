import fc from 'fast-check';
import { componentName, resolveSchema, typesOf, type JsonSchema, type OpenApiDocument } from './json-schema.ts';

/** Where a value is generated: the schema as written (`$ref` and all), resolved, and its path from the part's root. */
export interface SchemaSite {
  raw: JsonSchema;
  schema: JsonSchema;
  component: string | undefined;
  path: (string | number)[];
  /** The name of the property this value sits in, if any (`phone`, `within` …). */
  property: string | undefined;
}

/**
 * What JSON Schema cannot say but the service needs for a value to be usable (a phone's digits, an
 * ISO duration, an IANA zone, an id that exists): a hint returns the arbitrary for such a site, or
 * undefined to let the schema decide.
 */
export type Hint = (site: SchemaSite) => fc.Arbitrary<unknown> | undefined;

export interface ValidValueOptions {
  document: OpenApiDocument;
  hint?: Hint;
  /** Longest array generated where the schema allows more; keeps requests small. */
  maxArrayItems?: number;
}

const DATE_MIN = new Date('2000-01-01T00:00:00.000Z');
const DATE_MAX = new Date('2099-12-31T23:59:59.999Z');

/** RFC 3339 times as clients send them: UTC with or without milliseconds, or with an offset. */
export const dateTimeArbitrary = (min = DATE_MIN, max = DATE_MAX) =>
  fc
    .tuple(fc.date({ min, max, noInvalidDate: true }), fc.constantFrom('ms', 's', '+08:00', '-05:30'))
    .map(([date, style]) => {
      const iso = date.toISOString();
      if (style === 'ms') return iso;
      if (style === 's') return `${iso.slice(0, 19)}Z`;
      const sign = style.startsWith('-') ? -1 : 1;
      const [h, m] = style.slice(1).split(':').map(Number) as [number, number];
      const local = new Date(date.getTime() + sign * (h * 60 + m) * 60_000).toISOString();
      return `${local.slice(0, 19)}${style}`;
    });

export const dateArbitrary = fc.date({ min: DATE_MIN, max: DATE_MAX, noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

/** Addresses both the document's pattern and WHATWG-style validators accept. */
export const emailArbitrary = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,20}[a-z0-9]$/).filter((local) => !local.includes('..')),
    fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/),
    fc.constantFrom('com', 'cn', 'example', 'org', 'io'),
  )
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);

const hasContent = (value: string) => value.trim().length > 0 && !value.includes('\u0000');
const codePoints = (value: string) => [...value].length;

/**
 * Free text within the limits, never blank (the service trims) and without NUL (Postgres text
 * cannot hold it): short everyday text mostly, sometimes right at the upper limit.
 */
export function textArbitrary(minLength = 0, maxLength = 200): fc.Arbitrary<string> {
  const short = fc.string({ unit: fc.oneof(fc.constantFrom(...'ab xyz09'), fc.constantFrom(...'小王订单退款請問你好'), fc.constantFrom('é', 'ß', 'Ω', '😀', '𠀋')), minLength: Math.max(1, minLength), maxLength: Math.min(maxLength, 24) });
  // Lengths count code points (JSON Schema's and the service's): an emoji at the limit is one character.
  const atLimit = fc.constantFrom('a', '中', '😀').map((unit) => unit.repeat(maxLength));
  const arbitrary = maxLength > 24 ? fc.oneof({ weight: 9, arbitrary: short }, { weight: 1, arbitrary: atLimit }) : short;
  return arbitrary.filter((value) => hasContent(value) && codePoints(value) >= minLength && codePoints(value) <= maxLength);
}

/** Valid values of a schema as fast-check arbitraries. */
export function validValues(options: ValidValueOptions) {
  const { document, hint } = options;
  const maxArrayItems = options.maxArrayItems ?? 3;

  function at(raw: JsonSchema, path: (string | number)[] = [], property?: string): fc.Arbitrary<unknown> {
    const schema = resolveSchema(document, raw);
    const site: SchemaSite = { raw, schema, component: componentName(raw), path, property };
    const hinted = hint?.(site);
    if (hinted) return hinted;
    if (schema.const !== undefined) return fc.constant(schema.const);
    if (schema.enum) return fc.constantFrom(...schema.enum);
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (alternatives) return fc.oneof(...alternatives.map((option) => at(option, path, property)));
    if (schema.allOf) throw new Error(`allOf at ${path.join('.')} is not supported by the generator`);
    const types = typesOf(schema);
    if (!types) return fc.jsonValue();
    return fc.oneof(...types.map((type) => ofType(type, schema, path)));
  }

  function ofType(type: string, schema: JsonSchema, path: (string | number)[]): fc.Arbitrary<unknown> {
    switch (type) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer':
        return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
      case 'number':
        return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));
      case 'string':
        return stringOf(schema);
      case 'array':
        return arrayOf(schema, path);
      case 'object':
        return objectOf(schema, path);
      default:
        throw new Error(`unsupported type ${type} at ${path.join('.')}`);
    }
  }

  function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
    const min = schema.minLength ?? 0;
    const max = schema.maxLength ?? 200;
    const within = (value: string) => codePoints(value) >= min && codePoints(value) <= max;
    if (schema.format === 'date-time') return dateTimeArbitrary();
    if (schema.format === 'date') return dateArbitrary;
    if (schema.format === 'email') return emailArbitrary.filter(within);
    if (schema.format === 'uri') return fc.webUrl().filter(within);
    if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern, 'u'), { size: 'small' }).filter(within);
    return textArbitrary(min, max);
  }

  function arrayOf(schema: JsonSchema, path: (string | number)[]): fc.Arbitrary<unknown[]> {
    if (schema.prefixItems) {
      return fc.tuple(...schema.prefixItems.map((item, i) => at(item, [...path, i])));
    }
    const items = schema.items === false || schema.items === undefined ? {} : schema.items;
    const minLength = schema.minItems ?? 0;
    const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? maxArrayItems, maxArrayItems));
    return fc.array(at(items, [...path, 0]), { minLength, maxLength });
  }

  function objectOf(schema: JsonSchema, path: (string | number)[]): fc.Arbitrary<Record<string, unknown>> {
    const properties = schema.properties ?? {};
    const shape = Object.fromEntries(Object.entries(properties).map(([key, child]) => [key, at(child, [...path, key], key)]));
    const record = fc.record(shape, { requiredKeys: schema.required ?? [] });
    const extra = schema.additionalProperties;
    if (!extra || extra === true || Object.keys(properties).length > 0) return record as fc.Arbitrary<Record<string, unknown>>;
    const keys = schema.propertyNames ? (at(schema.propertyNames, path) as fc.Arbitrary<string>) : fc.stringMatching(/^[a-z][a-zA-Z]{0,10}$/);
    return fc.dictionary(keys, at(extra, [...path, '*']), { maxKeys: maxArrayItems });
  }

  return { at };
}
