/**
 * Catalog rows -> the `DatabaseSchema` model. Pure: no I/O, no clock, no locale, so the same catalog
 * always gives the same bytes; tests call it with hand-written rows as well as with real catalogs.
 */
import { SchemaToMiroError } from '../errors.js';
import {
  SCHEMA_FORMAT_VERSION,
  type CheckConstraint,
  type Column,
  type DatabaseSchema,
  type ForeignKey,
  type Index,
  type Partition,
  type ReferentialAction,
  type Table,
  type TableKind,
  type TableRef,
  type UniqueKey,
} from '../model/schema.js';
import { compareStrings } from '../util/compare.js';
import { groupBy } from '../util/group-by.js';
import type { CatalogRows, ColumnRow, ConstraintRow, NamespaceRow, RelationKindCode, RelationRow } from './catalog-rows.js';

function compareRefs(a: TableRef, b: TableRef): number {
  return compareStrings(a.schema, b.schema) || compareStrings(a.name, b.name);
}

function byName<T extends { name: string }>(a: T, b: T): number {
  return compareStrings(a.name, b.name);
}

const TABLE_KINDS: Record<RelationKindCode, TableKind> = {
  r: 'table',
  p: 'partitioned_table',
  f: 'foreign_table',
  v: 'view',
  m: 'materialized_view',
};

const ACTIONS: Record<string, ReferentialAction> = {
  a: 'no_action',
  r: 'restrict',
  c: 'cascade',
  n: 'set_null',
  d: 'set_default',
};

function referentialAction(code: string, constraint: string): ReferentialAction {
  const action = ACTIONS[code];
  if (!action) throw new Error(`unknown referential action "${code}" on constraint ${constraint}`);
  return action;
}

/**
 * The namespaces to read: all user namespaces, or those named by `--schema` (in the order of the
 * catalog). A name that does not exist is the user's mistake, reported with the names that do.
 */
export function selectNamespaces(available: readonly NamespaceRow[], requested: readonly string[] | undefined, database: string): NamespaceRow[] {
  if (requested === undefined || requested.length === 0) return [...available];
  const byNameMap = new Map(available.map((namespace) => [namespace.name, namespace]));
  const missing = [...new Set(requested)].filter((name) => !byNameMap.has(name));
  if (missing.length > 0) {
    const names = available.map((namespace) => namespace.name).sort(compareStrings);
    const list = names.length > 0 ? names.join(', ') : 'none';
    const which = missing.map((name) => `"${name}"`).join(', ');
    throw new SchemaToMiroError(
      'database',
      `${missing.length === 1 ? `schema ${which} does not exist` : `schemas ${which} do not exist`} in database "${database}" (schemas there: ${list})`,
    );
  }
  const wanted = new Set(requested);
  return available.filter((namespace) => wanted.has(namespace.name));
}

function toColumns(rows: readonly ColumnRow[]): Column[] {
  return [...rows]
    .sort((a, b) => a.attnum - b.attnum)
    .map((row, index) => {
      const generated = row.generated === '' ? null : row.expression;
      return {
        name: row.name,
        ordinal: index + 1,
        type: row.type,
        nullable: !row.not_null,
        // A generated column's pg_attrdef holds its expression, not a default.
        default: generated === null && row.identity === '' ? row.expression : null,
        identity: row.identity === 'a' ? 'always' : row.identity === 'd' ? 'by_default' : null,
        generated,
        comment: row.comment,
      };
    });
}

function toForeignKey(row: ConstraintRow): ForeignKey {
  return {
    name: row.name,
    columns: row.columns,
    references: {
      schema: row.referenced_schema ?? '',
      name: row.referenced_name ?? '',
      columns: row.referenced_columns,
    },
    onDelete: referentialAction(row.on_delete, row.name),
    onUpdate: referentialAction(row.on_update, row.name),
    deferrable: row.deferrable,
    initiallyDeferred: row.deferred,
    validated: row.validated,
  };
}

/** What makes two foreign keys the same relation, whatever their names (they may sit on different partitions). */
function foreignKeyIdentity(key: ForeignKey): string {
  return JSON.stringify([
    key.columns,
    key.references.schema,
    key.references.name,
    key.references.columns,
    key.onDelete,
    key.onUpdate,
    key.deferrable,
    key.initiallyDeferred,
  ]);
}

/**
 * A partitioned table's foreign keys: its own, plus those declared only on its partitions (as pagila's
 * `payment`), each once. A key repeated on several partitions keeps the first name in sort order, and
 * counts as validated only when every copy is.
 */
export function foldForeignKeys(own: readonly ForeignKey[], fromPartitions: readonly ForeignKey[]): ForeignKey[] {
  const folded = new Map<string, ForeignKey>();
  for (const key of own) folded.set(foreignKeyIdentity(key), key);
  const ownIdentities = new Set(folded.keys());
  for (const key of [...fromPartitions].sort(byName)) {
    const identity = foreignKeyIdentity(key);
    if (ownIdentities.has(identity)) continue;
    const seen = folded.get(identity);
    if (seen) folded.set(identity, { ...seen, validated: seen.validated && key.validated });
    else folded.set(identity, key);
  }
  return [...folded.values()].sort(byName);
}

function estimatedRows(relation: RelationRow, leafPartitions: readonly RelationRow[]): number | null {
  if (relation.kind === 'v') return null;
  if (relation.kind === 'p') {
    const analysed = leafPartitions.filter((partition) => partition.reltuples >= 0);
    return analysed.length === 0 ? null : Math.round(analysed.reduce((sum, partition) => sum + partition.reltuples, 0));
  }
  return relation.reltuples >= 0 ? Math.round(relation.reltuples) : null;
}

function uniqueKeys(constraints: readonly ConstraintRow[], indexes: readonly Index[], backing: ReadonlySet<string>): UniqueKey[] {
  const keys: UniqueKey[] = constraints
    .filter((row) => row.type === 'u')
    .map((row) => ({ name: row.name, columns: row.columns, origin: 'constraint', predicate: null }));
  for (const index of indexes) {
    if (index.unique && !index.primary && !backing.has(index.name)) {
      keys.push({ name: index.name, columns: index.columns, origin: 'index', predicate: index.predicate });
    }
  }
  return keys.sort(byName);
}

export function buildDatabaseSchema(rows: CatalogRows): DatabaseSchema {
  const columnsByRelation = groupBy(rows.columns, (row) => row.relation_oid);
  const constraintsByRelation = groupBy(rows.constraints, (row) => row.relation_oid);
  const indexesByRelation = groupBy(rows.indexes, (row) => row.relation_oid);
  const dependenciesByView = groupBy(rows.viewDependencies, (row) => row.view_oid);
  const partitions = rows.relations.filter((relation) => relation.root_oid !== null);
  const partitionsByRoot = groupBy(partitions, (relation) => relation.root_oid ?? '');

  const tables: Table[] = rows.relations
    .filter((relation) => relation.root_oid === null)
    .map((relation) => {
      const constraints = constraintsByRelation.get(relation.oid) ?? [];
      const indexRows = indexesByRelation.get(relation.oid) ?? [];
      const indexes: Index[] = indexRows
        .map((row) => ({
          name: row.name,
          columns: row.columns,
          method: row.method,
          unique: row.is_unique,
          primary: row.is_primary,
          predicate: row.predicate,
          definition: row.definition,
        }))
        .sort(byName);
      const backing = new Set(indexRows.filter((row) => row.backs_constraint).map((row) => row.name));
      const primary = constraints.find((row) => row.type === 'p');
      const checks: CheckConstraint[] = constraints
        .filter((row) => row.type === 'c')
        .map((row) => ({ name: row.name, expression: row.definition }))
        .sort(byName);
      const ownKeys = constraints.filter((row) => row.type === 'f').map(toForeignKey);
      const myPartitions = partitionsByRoot.get(relation.oid) ?? [];
      const partitionKeys = myPartitions.flatMap((partition) =>
        (constraintsByRelation.get(partition.oid) ?? []).filter((row) => row.type === 'f').map(toForeignKey),
      );
      const dependsOn = [
        ...new Map(
          (dependenciesByView.get(relation.oid) ?? []).map((row) => [
            `${row.referenced_schema}\u0000${row.referenced_name}`,
            { schema: row.referenced_schema, name: row.referenced_name },
          ]),
        ).values(),
      ]
        .filter((ref) => !(ref.schema === relation.schema && ref.name === relation.name))
        .sort(compareRefs);
      const partitionList: Partition[] = myPartitions
        .map((partition) => ({ schema: partition.schema, name: partition.name, bound: partition.partition_bound ?? '' }))
        .sort(compareRefs);
      const isView = relation.kind === 'v' || relation.kind === 'm';
      return {
        schema: relation.schema,
        name: relation.name,
        kind: TABLE_KINDS[relation.kind],
        comment: relation.comment,
        estimatedRows: estimatedRows(
          relation,
          myPartitions.filter((partition) => partition.kind !== 'p'),
        ),
        columns: toColumns(columnsByRelation.get(relation.oid) ?? []),
        primaryKey: primary ? { name: primary.name, columns: primary.columns } : null,
        uniqueKeys: uniqueKeys(constraints, indexes, backing),
        indexes,
        checks,
        foreignKeys: foldForeignKeys(ownKeys, partitionKeys),
        partitioning:
          relation.kind === 'p' ? { key: relation.partition_key ?? '', partitions: partitionList } : null,
        dependsOn: isView ? dependsOn : [],
        viewDefinition: isView ? relation.view_definition : null,
      };
    })
    .sort(compareRefs);

  return {
    formatVersion: SCHEMA_FORMAT_VERSION,
    database: rows.server.database,
    serverVersion: rows.server.server_version,
    schemas: rows.namespaces
      .map((namespace) => ({ name: namespace.name, comment: namespace.comment }))
      .sort(byName),
    tables,
    enums: rows.enums
      .map((row) => ({ schema: row.schema, name: row.name, labels: row.labels }))
      .sort((a, b) => compareRefs(a, b)),
  };
}
