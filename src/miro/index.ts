/** The Miro REST API client: what other stages import from src/miro/. */
export { MiroClient, DEFAULT_MIRO_API_URL } from './client.js';
export { BULK_CREATE_LIMIT, DEFAULT_CONCURRENCY, PAGE_LIMIT } from './limits.js';
export type { MiroClientOptions } from './client.js';
export type { ClientStats, RequestEvent } from './request-events.js';
export { MiroCallError } from './call-errors.js';
export { parseBoardId } from './board-id.js';
export { StaticTokenProvider } from './credentials.js';
export type { CredentialProvider } from './credentials.js';
export type { PacerState } from './credit-pacer.js';
export type * from './openapi/index.js';
