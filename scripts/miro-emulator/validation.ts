/**
 * Request (and response) validation against the project's copy of Miro's OpenAPI description, with ajv.
 *
 * OpenAPI 3.0 is not quite JSON Schema, so the document is adapted once, on a copy:
 * - `oneOf` becomes `anyOf`: the spec uses oneOf for item data/style variants that overlap (a shape's and a
 *   text's data both accept `{ content }`), which strict oneOf would always reject. Miro picks the variant by
 *   the item's `type`; bulk items are therefore also checked against the single-create schema of their type.
 * - the OpenAPI number/string formats (int32, int64, double, float) are defined; `example` and other
 *   annotations are ignored (strict: false).
 * - query parameters arrive as strings; string schemas that carry minimum/maximum (Miro's `limit`) are
 *   checked as integers within those bounds, which is what the spec means.
 */
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { default as addFormats } from 'ajv-formats';
import type { MiroOperationId } from '../../src/miro/openapi/index.js';
import { invalidParameter, MiroApiError } from './api-error.js';
import type { JsonObject } from './spec.js';
import { miroApiDocument, operationSpec } from './spec.js';

const DOCUMENT_ID = 'miro-api.subset.json';

function adaptForAjv(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(adaptForAjv);
  if (typeof value !== 'object' || value === null) return value;
  const adapted: JsonObject = {};
  for (const [key, child] of Object.entries(value)) adapted[key === 'oneOf' ? 'anyOf' : key] = adaptForAjv(child);
  return adapted;
}

function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  addFormats.default(ajv);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  // Miro sends and accepts 64-bit ids as decimal strings.
  ajv.addFormat('int64', { type: 'string', validate: (s: string) => /^-?\d{1,19}$/.test(s) });
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addSchema({ ...(adaptForAjv(miroApiDocument) as JsonObject), $id: DOCUMENT_ID });
  return ajv;
}

const ajv = createAjv();
const compiled = new Map<string, ValidateFunction>();

/** A validator for the schema at a JSON pointer inside the document (its `$ref`s resolve within it). */
function validatorAt(pointer: string): ValidateFunction {
  let validate = compiled.get(pointer);
  if (!validate) {
    const encoded = pointer.split('/').map((segment) => encodeURIComponent(segment)).join('/');
    validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${encoded}` });
    compiled.set(pointer, validate);
  }
  return validate;
}

/** `/0/data/shape` → `[0].data.shape`, the way Miro names fields. */
function fieldName(instancePath: string, missingProperty?: string): string {
  const segments = instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (missingProperty !== undefined) segments.push(missingProperty);
  return segments.reduce((name, segment) => (/^\d+$/.test(segment) ? `${name}[${segment}]` : name ? `${name}.${segment}` : segment), '');
}

function describe(error: ErrorObject): string {
  if (error.keyword === 'enum') return `must be one of: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  if (error.keyword === 'required') return 'is required';
  return error.message ?? 'is invalid';
}

/** The most specific error: the deepest path wins, and anyOf summaries lose to their branches' errors. */
function pickError(errors: readonly ErrorObject[]): ErrorObject {
  const depth = (e: ErrorObject) => e.instancePath.split('/').length + (e.keyword === 'required' ? 1 : 0);
  return [...errors].sort((a, b) => depth(b) - depth(a) || Number(a.keyword === 'anyOf') - Number(b.keyword === 'anyOf'))[0]!;
}

function toApiError(errors: readonly ErrorObject[], prefix: string, what: string): MiroApiError {
  const error = pickError(errors);
  const missing = error.keyword === 'required' ? (error.params as { missingProperty: string }).missingProperty : undefined;
  const field = `${prefix}${fieldName(error.instancePath, missing)}` || what;
  return invalidParameter(field, describe(error));
}

/** The single-create schema whose data/style/geometry rules apply to a bulk item of this type. */
const BULK_ITEM_SCHEMAS: Readonly<Record<string, string>> = {
  shape: '/components/schemas/ShapeCreateRequest',
  text: '/components/schemas/TextCreateRequest',
  frame: '/components/schemas/FrameCreateRequest',
};

function validateBulkItems(body: unknown[]): void {
  body.forEach((item, index) => {
    if (typeof item !== 'object' || item === null) return;
    const { type, ...rest } = item as JsonObject;
    const pointer = typeof type === 'string' ? BULK_ITEM_SCHEMAS[type] : undefined;
    if (pointer === undefined) return;
    const validate = validatorAt(pointer);
    if (!validate(rest)) throw toApiError(validate.errors ?? [], `[${index}].`, 'body');
  });
}

const queryValidators = new WeakMap<JsonObject, ValidateFunction>();

function checkQueryValue(name: string, value: string, schema: JsonObject): void {
  let validate = queryValidators.get(schema);
  if (!validate) {
    validate = ajv.compile(adaptForAjv(schema) as JsonObject);
    queryValidators.set(schema, validate);
  }
  if (!validate(value)) throw toApiError(validate.errors ?? [], '', name);
  if (schema.type === 'string' && (schema.minimum !== undefined || schema.maximum !== undefined)) {
    const number = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (Number.isNaN(number)) throw invalidParameter(name, 'must be an integer');
    if (typeof schema.minimum === 'number' && number < schema.minimum) throw invalidParameter(name, `must be >= ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && number > schema.maximum) throw invalidParameter(name, `must be <= ${schema.maximum}`);
  }
}

/**
 * Checks query parameters and the JSON body of a request; throws a 400 MiroApiError naming the field.
 * `body` is undefined when the request had none.
 */
export function validateRequest(operationId: MiroOperationId, query: URLSearchParams, body: unknown): void {
  const spec = operationSpec(operationId);
  for (const parameter of spec.parameters) {
    if (parameter.in !== 'query') continue;
    const values = query.getAll(parameter.name);
    if (values.length === 0) {
      if (parameter.required) throw invalidParameter(parameter.name, 'is required');
      continue;
    }
    if (values.length > 1) throw invalidParameter(parameter.name, 'must be given once');
    checkQueryValue(parameter.name, values[0]!, parameter.schema);
  }

  if (spec.requestBodyPointer === undefined) return;
  if (body === undefined) {
    if (spec.requestBodyRequired) throw new MiroApiError(400, 'invalidParameters', 'Invalid parameters: request body is required');
    return;
  }
  const validate = validatorAt(spec.requestBodyPointer);
  if (!validate(body)) throw toApiError(validate.errors ?? [], '', 'body');
  if (operationId === 'create-items' && Array.isArray(body)) validateBulkItems(body);
}

/** Why a success response does not match the spec, or undefined when it does (an emulator self-check). */
export function responseMismatch(operationId: MiroOperationId, body: unknown): string | undefined {
  const pointer = operationSpec(operationId).successSchemaPointer;
  if (pointer === undefined) return undefined;
  const validate = validatorAt(pointer);
  if (validate(body)) return undefined;
  return toApiError(validate.errors ?? [], '', 'body').message.replace(/^Invalid parameters: /, '');
}
