/** The introspect stage: a catalog source -> the `DatabaseSchema` model, in a constant number of queries. */
export { introspect, type IntrospectOptions } from './introspect.js';
export { buildDatabaseSchema, foldForeignKeys, selectNamespaces } from './build-schema.js';
export type { CatalogRows } from './catalog-rows.js';
