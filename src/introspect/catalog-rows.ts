/**
 * What the catalog queries return, one interface per query: the seam between the I/O (catalog-queries.ts)
 * and the pure mapping to the model (build-schema.ts), which tests feed with hand-written rows too.
 * Object ids travel as text, so both drivers give the same values and they work as map keys.
 */

export interface ServerInfoRow {
  database: string;
  server_version: string;
  /** `server_version_num`, for example 150020. */
  version_number: number;
}

export interface NamespaceRow {
  oid: string;
  name: string;
  comment: string | null;
}

/** pg_class.relkind values we read: table, partitioned table, foreign table, view, materialized view. */
export type RelationKindCode = 'r' | 'p' | 'f' | 'v' | 'm';

export interface RelationRow {
  oid: string;
  schema: string;
  name: string;
  kind: RelationKindCode;
  comment: string | null;
  /** pg_class.reltuples: -1 when never analysed (PostgreSQL 14+). */
  reltuples: number;
  /** For a partitioned table, `pg_get_partkeydef`. */
  partition_key: string | null;
  /** For a partition, the oid of the top of its partition tree; null for everything else. */
  root_oid: string | null;
  partition_bound: string | null;
  view_definition: string | null;
}

export interface ColumnRow {
  relation_oid: string;
  name: string;
  /** attnum: increasing, with gaps where columns were dropped. */
  attnum: number;
  type: string;
  not_null: boolean;
  /** `pg_get_expr` of the column's default, or of its generation expression for a generated column. */
  expression: string | null;
  /** attidentity: 'a' always, 'd' by default, '' none. */
  identity: string;
  /** attgenerated: 's' stored, 'v' virtual (PostgreSQL 18), '' none. */
  generated: string;
  comment: string | null;
}

/** pg_constraint.contype values we read: primary key, unique, foreign key, check. */
export type ConstraintTypeCode = 'p' | 'u' | 'f' | 'c';

export interface ConstraintRow {
  relation_oid: string;
  name: string;
  type: ConstraintTypeCode;
  columns: string[];
  /** Foreign keys: the referenced table, or the top of its partition tree when it is a partition. */
  referenced_schema: string | null;
  referenced_name: string | null;
  referenced_columns: string[];
  /** confdeltype / confupdtype: a no action, r restrict, c cascade, n set null, d set default. */
  on_delete: string;
  on_update: string;
  deferrable: boolean;
  deferred: boolean;
  validated: boolean;
  /** `pg_get_constraintdef`. */
  definition: string;
}

export interface IndexRow {
  relation_oid: string;
  name: string;
  method: string;
  is_unique: boolean;
  is_primary: boolean;
  /** Key columns in order: a column's name, or an expression's text. */
  columns: string[];
  predicate: string | null;
  definition: string;
  /** The index enforces a primary key, unique or exclusion constraint. */
  backs_constraint: boolean;
}

export interface EnumRow {
  schema: string;
  name: string;
  labels: string[];
}

export interface ViewDependencyRow {
  view_oid: string;
  referenced_schema: string;
  referenced_name: string;
}

export interface CatalogRows {
  server: ServerInfoRow;
  /** Only the namespaces that were read (after the `--schema` filter). */
  namespaces: NamespaceRow[];
  relations: RelationRow[];
  columns: ColumnRow[];
  constraints: ConstraintRow[];
  indexes: IndexRow[];
  enums: EnumRow[];
  viewDependencies: ViewDependencyRow[];
}
