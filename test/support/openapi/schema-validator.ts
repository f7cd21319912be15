import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema, OpenApiDocument } from './json-schema.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const DOCUMENT_ID = 'openapi.json';

/** `#/components/…` inside a schema taken out of the document points back into the document. */
function anchored(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(anchored);
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${DOCUMENT_ID}${value}` : anchored(value)]),
  );
}

export interface SchemaCheck {
  valid: boolean;
  /** Ajv's messages with their JSON pointers, for a failure's message. */
  errors: string[];
}

/**
 * Validates values against schemas of the served document with a JSON Schema 2020-12 validator
 * that knows nothing of the service (Ajv), so a disagreement is the document's or the code's.
 * `coerce` reads strings as numbers and booleans, as query strings and path params arrive.
 */
export function createSchemaValidator(document: OpenApiDocument, options: { coerce?: boolean } = {}) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: options.coerce ?? false, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ components: document.components }, DOCUMENT_ID);
  const compiled = new WeakMap<object, ReturnType<Ajv2020['compile']>>();

  return function check(schema: JsonSchema, value: unknown): SchemaCheck {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(anchored(schema) as object);
      compiled.set(schema, validate);
    }
    // Coercion rewrites its input: validate a copy.
    const subject = options.coerce ? structuredClone(value) : value;
    const valid = validate(subject) as boolean;
    return { valid, errors: (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`) };
  };
}

export type SchemaValidator = ReturnType<typeof createSchemaValidator>;
