/**
 * The project's copy of Miro's OpenAPI description (src/miro/openapi/miro-api.subset.json), read once, and
 * what the emulator needs from it per operation. The emulator follows the spec rather than restating it.
 */
import { readFileSync } from 'node:fs';
import type { MiroOperationId } from '../../src/miro/openapi/index.js';
import { miroOperation } from '../../src/miro/openapi/index.js';

export type JsonObject = { [key: string]: unknown };

export interface ParameterSpec {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required: boolean;
  schema: JsonObject;
}

export interface OperationSpec {
  operationId: MiroOperationId;
  /** JSON pointer (inside the document) of the operation object. */
  pointer: string;
  parameters: ParameterSpec[];
  /** Pointer of the JSON request body schema, when the operation takes one. */
  requestBodyPointer: string | undefined;
  requestBodyRequired: boolean;
  /** The status the spec documents for success (201 for creates, 204 for deletes, …). */
  successStatus: number;
  /** Pointer of the success response's JSON schema, when it has one. */
  successSchemaPointer: string | undefined;
}

const SUBSET_URL = new URL('../../src/miro/openapi/miro-api.subset.json', import.meta.url);

export const miroApiDocument: JsonObject = JSON.parse(readFileSync(SUBSET_URL, 'utf8')) as JsonObject;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Follows a local `#/…` reference; the generator guarantees every reference in the subset resolves. */
function resolve(value: unknown): unknown {
  if (!isObject(value) || typeof value.$ref !== 'string') return value;
  let node: unknown = miroApiDocument;
  for (const raw of value.$ref.replace(/^#\//, '').split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[segment] : undefined;
  }
  if (node === undefined) throw new Error(`miro-api.subset.json: unresolved ${value.$ref}`);
  return resolve(node);
}

function buildOperationSpec(operationId: MiroOperationId): OperationSpec {
  const { method, path } = miroOperation(operationId);
  const paths = miroApiDocument.paths as JsonObject;
  const pathItem = paths[path] as JsonObject;
  const operation = pathItem[method.toLowerCase()] as JsonObject;
  const pointer = `/paths/${escapePointerSegment(path)}/${method.toLowerCase()}`;

  // Operation-level parameters override path-level ones with the same name and location.
  const byKey = new Map<string, ParameterSpec>();
  for (const raw of [...((pathItem.parameters as unknown[]) ?? []), ...((operation.parameters as unknown[]) ?? [])]) {
    const parameter = resolve(raw) as JsonObject;
    const spec: ParameterSpec = {
      name: String(parameter.name),
      in: parameter.in as ParameterSpec['in'],
      required: parameter.required === true,
      schema: (resolve(parameter.schema) as JsonObject | undefined) ?? {},
    };
    byKey.set(`${spec.in}:${spec.name}`, spec);
  }

  const requestBody = resolve(operation.requestBody) as JsonObject | undefined;
  const hasJsonBody = isObject(requestBody) && isObject((requestBody.content as JsonObject | undefined)?.['application/json']);

  const responses = operation.responses as JsonObject;
  const successCode = Object.keys(responses).find((code) => /^2\d\d$/.test(code));
  if (successCode === undefined) throw new Error(`miro-api.subset.json: ${operationId} documents no success response`);
  const successResponse = resolve(responses[successCode]) as JsonObject;
  const successHasSchema = isObject((successResponse.content as JsonObject | undefined)?.['application/json']);
  const responseIsInline = !isObject(responses[successCode]) || (responses[successCode] as JsonObject).$ref === undefined;

  return {
    operationId,
    pointer,
    parameters: [...byKey.values()],
    requestBodyPointer: hasJsonBody ? `${pointer}/requestBody/content/application~1json/schema` : undefined,
    requestBodyRequired: isObject(requestBody) && requestBody.required === true,
    successStatus: Number(successCode),
    successSchemaPointer:
      successHasSchema && responseIsInline ? `${pointer}/responses/${successCode}/content/application~1json/schema` : undefined,
  };
}

const cache = new Map<MiroOperationId, OperationSpec>();

export function operationSpec(operationId: MiroOperationId): OperationSpec {
  let spec = cache.get(operationId);
  if (!spec) {
    spec = buildOperationSpec(operationId);
    cache.set(operationId, spec);
  }
  return spec;
}

/**
 * Shape names Miro accepts on create/update. The description of ShapeDataForCreate.shape lists them as
 * HTML list items rather than an enum, so they are read from there.
 */
export const MIRO_SHAPE_NAMES: ReadonlySet<string> = (() => {
  const schemas = (miroApiDocument.components as JsonObject).schemas as JsonObject;
  const shape = ((schemas.ShapeDataForCreate as JsonObject).properties as JsonObject).shape as JsonObject;
  const names = [...String(shape.description ?? '').matchAll(/<li>([a-z0-9_]+)<\/li>/g)].map((match) => match[1]!);
  if (names.length === 0) throw new Error('miro-api.subset.json: no shape names in ShapeDataForCreate.shape');
  return new Set(names);
})();
