/** The source stage: a live PostgreSQL server or SQL files in an embedded PGlite, as one `CatalogSource`. */
export { openSource, type SourceSpec } from './open-source.js';
export type { CatalogSource } from './catalog-source.js';
export { redactPasswords } from './connection-settings.js';
