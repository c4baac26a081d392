/** `schema-to-miro serve`: the board service for a team (HTTP, OAuth, store, queue, runner, operations). */
export { startServer, type RunningServer, type StartOptions } from './server.js';
export { resolveServeSettings, DEFAULT_HOST, DEFAULT_PORT, type ServeFlags, type ServeSettings, type ResolvedSource } from './settings.js';
export { signHook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './auth/hook-signature.js';
export type { DiagramOptions } from './diagram-options.js';
