/**
 * The slice of JSON Schema 2020-12 (as OpenAPI 3.1 uses it) that the served document contains,
 * and `$ref` resolution against the document's `components.schemas`.
 */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  not?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema | false;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
  description?: string;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema>; responses?: Record<string, OpenApiResponse>; headers?: Record<string, OpenApiHeader> };
}

export interface OpenApiHeader {
  description?: string;
  required?: boolean;
  schema?: JsonSchema;
}

export interface OpenApiResponse {
  description?: string;
  headers?: Record<string, OpenApiHeader>;
  content?: Record<string, { schema: JsonSchema }>;
}

export interface OpenApiParameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
  /** `form` + `explode: false`: an array sent as one comma-separated value. */
  style?: string;
  explode?: boolean;
}

export interface OpenApiOperation {
  operationId?: string;
  /** The schemes an operation accepts (`apiKey`, `deskSession`); `[]` on public ones. */
  security?: Record<string, string[]>[];
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  /** Shared responses (`$ref: #/components/responses/…`) are resolved by operationsOf. */
  responses: Record<string, OpenApiResponse>;
}

const COMPONENT = '#/components/schemas/';

/** The schema a `$ref` names, with the keywords written beside the `$ref` (defaults, descriptions) kept. */
export function resolveSchema(document: OpenApiDocument, schema: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; current.$ref; hops++) {
    if (hops > 20) throw new Error(`$ref cycle at ${current.$ref}`);
    if (!current.$ref.startsWith(COMPONENT)) throw new Error(`unsupported $ref ${current.$ref}`);
    const target = document.components.schemas[current.$ref.slice(COMPONENT.length)];
    if (!target) throw new Error(`dangling $ref ${current.$ref}`);
    const { $ref: _ref, ...siblings } = current;
    current = { ...target, ...siblings };
  }
  return current;
}

/** The component a schema names, if it is a `$ref` (hints can target components by name). */
export function componentName(schema: JsonSchema): string | undefined {
  return schema.$ref?.startsWith(COMPONENT) ? schema.$ref.slice(COMPONENT.length) : undefined;
}

export const typesOf = (schema: JsonSchema): string[] | undefined =>
  schema.type === undefined ? undefined : Array.isArray(schema.type) ? schema.type : [schema.type];

export const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

export interface OperationRef {
  /** `GET /v1/tickets/{id}`: the key of the fuzz plan. */
  key: string;
  method: string;
  path: string;
  operation: OpenApiOperation;
}

const RESPONSE = '#/components/responses/';
const HEADER = '#/components/headers/';

/** A response or header as written, or the shared one its `$ref` names. */
function resolveShared<T>(document: OpenApiDocument, value: T & { $ref?: string }, prefix: string, pool: Record<string, T> | undefined): T {
  if (!value.$ref) return value;
  const target = value.$ref.startsWith(prefix) ? pool?.[value.$ref.slice(prefix.length)] : undefined;
  if (!target) throw new Error(`dangling $ref ${value.$ref}`);
  return target;
}

function resolveResponse(document: OpenApiDocument, response: OpenApiResponse): OpenApiResponse {
  const resolved = resolveShared(document, response, RESPONSE, document.components.responses);
  const headers = Object.fromEntries(Object.entries(resolved.headers ?? {}).map(([name, header]) => [name, resolveShared(document, header, HEADER, document.components.headers)]));
  return { ...resolved, headers };
}

export function operationsOf(document: OpenApiDocument): OperationRef[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => {
      const operation = item[method]!;
      const responses = Object.fromEntries(Object.entries(operation.responses).map(([status, response]) => [status, resolveResponse(document, response)]));
      return { key: `${method.toUpperCase()} ${path}`, method, path, operation: { ...operation, responses } };
    }),
  );
}

/** Whether the operation takes an API key (public and cookie-only operations are called without one). */
export const takesApiKey = (operation: OpenApiOperation) => (operation.security ?? []).some((requirement) => 'apiKey' in requirement);

/** Query parameters sent as one comma-separated value. */
export const commaSeparated = (operation: OpenApiOperation) =>
  new Set((operation.parameters ?? []).filter((p) => p.in === 'query' && p.style === 'form' && p.explode === false).map((p) => p.name));
