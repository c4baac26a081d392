/**
 * Reads a database's schema from its catalog into the `DatabaseSchema` model, through whichever
 * `CatalogSource` it is given (a live server or SQL loaded into PGlite): the same queries either way.
 */
import { SchemaToMiroError } from '../errors.js';
import type { DatabaseSchema } from '../model/schema.js';
import type { CatalogSource } from '../source/index.js';
import { buildDatabaseSchema, selectNamespaces } from './build-schema.js';
import type { CatalogTables } from './catalog-tables.js';
import {
  queryColumns,
  queryConstraints,
  queryEnums,
  queryIndexes,
  queryNamespaces,
  queryRelations,
  queryServerInfo,
  queryViewDependencies,
  type CatalogScope,
} from './catalog-queries.js';

const MINIMUM_SERVER_VERSION = 120000;

export interface IntrospectOptions {
  /** Read only these schemas (`--schema`, repeatable); default: every user schema. */
  schemas?: string[];
  /** Include views and materialized views (`--views`); default false. */
  views?: boolean;
}

/**
 * At most 8 catalog queries, whatever the size of the schema. Throws `SchemaToMiroError` kind
 * `database` for a `--schema` that does not exist and for a database with no tables.
 */
export async function introspect(source: CatalogSource, options: IntrospectOptions = {}): Promise<DatabaseSchema> {
  const db = source.db.withTables<CatalogTables>();
  const server = await queryServerInfo(db);
  // pg_partition_root and conparentid, which fold partitions, arrived in PostgreSQL 12.
  if (server.version_number < MINIMUM_SERVER_VERSION) {
    throw new SchemaToMiroError(
      'database',
      `${source.description} runs PostgreSQL ${server.server_version}; schema-to-miro needs PostgreSQL 12 or later`,
    );
  }
  // SQL files have no database name of their own; the source names them after the first file.
  const database = source.kind === 'sql' ? source.database : server.database;
  const namespaces = selectNamespaces(await queryNamespaces(db), options.schemas, database);
  const scope: CatalogScope = {
    namespaceOids: namespaces.map((namespace) => namespace.oid),
    kinds: options.views ? ['r', 'p', 'f', 'v', 'm'] : ['r', 'p', 'f'],
  };
  // One connection serves them in turn; issuing them together saves a round trip of latency each.
  const [relations, columns, constraints, indexes, enums, viewDependencies] = await Promise.all([
    queryRelations(db, scope),
    queryColumns(db, scope),
    queryConstraints(db, scope),
    queryIndexes(db, scope),
    queryEnums(db, scope),
    options.views ? queryViewDependencies(db, scope) : Promise.resolve([]),
  ]);
  const schema = buildDatabaseSchema({
    server: { ...server, database },
    namespaces,
    relations,
    columns,
    constraints,
    indexes,
    enums,
    viewDependencies,
  });
  if (schema.tables.length === 0) {
    const where =
      options.schemas && options.schemas.length > 0
        ? ` in schema ${namespaces.map((namespace) => `"${namespace.name}"`).join(', ')}`
        : '';
    const what = options.views ? 'tables or views' : 'tables';
    throw new SchemaToMiroError('database', `no ${what} found in database "${database}"${where} (${source.description})`);
  }
  return schema;
}
