/** The Miro REST API emulator for tests: `startMiroEmulator()` and the types tests use to drive it. */
export { startMiroEmulator } from './server.js';
export type { EmulatorOptions, EmulatorStats, MiroEmulator } from './server.js';
export { EmulatorTokens, DEFAULT_SCOPES, DEFAULT_TEAM_ID, DEFAULT_USER_ID } from './tokens.js';
export type { IssueOptions, TokenCheck, TokenInfo } from './tokens.js';
export { FaultInjector } from './faults.js';
export type { FaultAction, FaultScope } from './faults.js';
export { BoardStore, EmulatedBoard } from './board-store.js';
export type { StoredConnector, StoredItem, Point } from './board-store.js';
export type { MiroErrorBody } from './api-error.js';
export { TEXT_MODE_ENV, normalisePlainText, normaliseRichText, textModeFromEnv } from './text-mode.js';
export type { TextMode } from './text-mode.js';
