/**
 * Types of each operation's path parameters, query, request body and success body, read off the
 * generated `operations` of the OpenAPI description, so the client's calls are checked by the compiler
 * against the project's copy of the spec.
 */
import type { operations } from './openapi/types.js';

export type OperationId = keyof operations & string;

type JsonContent<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

export type PathParamsOf<K extends OperationId> = operations[K]['parameters'] extends { path: infer P }
  ? P extends Record<string, string>
    ? P
    : Record<string, never>
  : Record<string, never>;

export type QueryOf<K extends OperationId> = operations[K]['parameters'] extends { query?: infer Q }
  ? Q extends Record<string, unknown>
    ? Q
    : never
  : never;

export type RequestBodyOf<K extends OperationId> = operations[K] extends { requestBody?: infer R }
  ? JsonContent<NonNullable<R>>
  : never;

type Responses<K extends OperationId> = operations[K]['responses'];

/** The JSON body of the operation's 2xx answer (an empty object for 204). */
export type SuccessBodyOf<K extends OperationId> = {
  [S in keyof Responses<K>]: S extends 200 | 201 | 202 | 204 ? JsonContent<Responses<K>[S]> : never;
}[keyof Responses<K>];
