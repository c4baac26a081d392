/** The source stage: a live PostgreSQL server or SQL files in an embedded PGlite, as one `CatalogSource`. */
export { openSource, type SourceHooks, type SourceSpec } from './open-source.js';
export { DEFAULT_LOAD_TIMEOUT_SECONDS } from './load-timeout.js';
export type { SqlLoadOptions } from './sql-source.js';
export type { CatalogSource } from './catalog-source.js';
export { passwordsIn, redactPasswords } from './connection-redaction.js';
