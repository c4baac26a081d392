/**
 * The project's view of the Miro REST API: operation metadata (for the client's pacing and the emulator's
 * rate limiter) and the request/response types generated from src/miro/openapi/miro-api.subset.json.
 */
import { MIRO_OPERATIONS } from './operations.js';
import type { MiroOperation } from './operation.js';
import type { components, operations, paths } from './types.js';

export type { MiroOperation } from './operation.js';
export type { components, operations, paths } from './types.js';
export { MIRO_OPERATIONS } from './operations.js';

/** Miro's default budget: credits per token per one-minute window. */
export const MIRO_CREDITS_PER_MINUTE = 100_000;

export type MiroOperationId = operations extends Record<infer K, unknown> ? K & string : never;

/** Schemas the client sends and receives, by their names in the description. */
type Schemas = components['schemas'];
export type MiroBoardChanges = Schemas['BoardChanges'];
export type MiroBoard = Schemas['BoardWithLinks'];
export type MiroShapeCreateRequest = Schemas['ShapeCreateRequest'];
export type MiroShapeUpdateRequest = Schemas['ShapeUpdateRequest'];
export type MiroShapeItem = Schemas['ShapeItem'];
export type MiroTextCreateRequest = Schemas['TextCreateRequest'];
export type MiroTextUpdateRequest = Schemas['TextUpdateRequest'];
export type MiroTextItem = Schemas['TextItem'];
export type MiroFrameCreateRequest = Schemas['FrameCreateRequest'];
export type MiroFrameUpdateRequest = Schemas['FrameUpdateRequest'];
export type MiroFrameItem = Schemas['FrameItem'];
export type MiroItemCreate = Schemas['ItemCreate'];
/** An item as bulk create returns it. */
export type MiroBulkCreatedItem = Schemas['Item'];
/** Item types the items listing can be filtered by. */
export type MiroItemType = NonNullable<NonNullable<operations['get-items']['parameters']['query']>['type']>;
export type MiroGenericItem = Schemas['GenericItem'];
export type MiroGenericItemUpdate = Schemas['GenericItemUpdate'];
export type MiroConnectorCreationData = Schemas['ConnectorCreationData'];
export type MiroConnectorChangesData = Schemas['ConnectorChangesData'];
export type MiroConnector = Schemas['ConnectorWithLinks'];

const byId = new Map(MIRO_OPERATIONS.map((operation) => [operation.operationId, operation]));

/** The operation with this operationId; throws for an id the project's copy of the description lacks (a bug). */
export function miroOperation(operationId: MiroOperationId): MiroOperation {
  const operation = byId.get(operationId);
  if (!operation) throw new Error(`unknown Miro operation ${operationId}`);
  return operation;
}

/** Credits a call costs; `itemCount` matters only for per-item operations (bulk create). */
export function operationCredits(operation: MiroOperation, itemCount = 1): number {
  return operation.creditsPerItem ? operation.credits * Math.max(1, itemCount) : operation.credits;
}

export interface MatchedOperation {
  readonly operation: MiroOperation;
  /** Decoded path parameters, e.g. `{ board_id: 'uXjV…', item_id: '3458…' }`. */
  readonly pathParams: Readonly<Record<string, string>>;
}

interface CompiledTemplate {
  readonly operation: MiroOperation;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

// Literal segments first, so /items/bulk is not taken for /items/{item_id}.
const compiled: readonly CompiledTemplate[] = MIRO_OPERATIONS.map((operation) => {
  const names: string[] = [];
  const source = operation.path
    .split('/')
    .map((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { operation, pattern: new RegExp(`^${source}/?$`), names };
}).sort((a, b) => a.names.length - b.names.length);

/**
 * Which operation a request path names. `operation` is undefined when the path is known but not with this
 * method (HTTP 405); the result is undefined when no operation has this path (HTTP 404).
 */
export function matchMiroOperation(
  method: string,
  pathname: string,
): { match: MatchedOperation | undefined; allowedMethods: readonly string[] } | undefined {
  const allowed: string[] = [];
  let match: MatchedOperation | undefined;
  let matchedParamCount = Number.POSITIVE_INFINITY;
  for (const template of compiled) {
    const found = template.pattern.exec(pathname);
    if (!found) continue;
    // A path matches several templates only as literal-vs-parameter (bulk vs {item_id}); the most literal wins.
    if (template.names.length > matchedParamCount) continue;
    if (template.names.length < matchedParamCount) {
      allowed.length = 0;
      match = undefined;
      matchedParamCount = template.names.length;
    }
    allowed.push(template.operation.method);
    if (template.operation.method === method.toUpperCase()) {
      let pathParams: Record<string, string>;
      try {
        pathParams = Object.fromEntries(template.names.map((name, index) => [name, decodeURIComponent(found[index + 1]!)]));
      } catch {
        continue; // malformed percent-encoding: not a path this operation accepts
      }
      match = { operation: template.operation, pathParams };
    }
  }
  if (allowed.length === 0) return undefined;
  return { match, allowedMethods: [...new Set(allowed)].sort() };
}
