/**
 * The source-neutral model of a database schema: what introspection produces and every later stage reads.
 *
 * Plain data only (JSON-serialisable, no classes, no Maps) so that `--out schema.json` is the model itself,
 * and so that graph, layout and render can be tested from hand-written or stored models with no database.
 * Every list is sorted deterministically by the introspector (see each field), so the same catalog always
 * gives the same bytes.
 */

/** Bumped whenever a field changes meaning or disappears; additions keep the version. */
export const SCHEMA_FORMAT_VERSION = 1;

export interface DatabaseSchema {
  formatVersion: typeof SCHEMA_FORMAT_VERSION;
  /** Database name as the server reports it (`current_database()`); for SQL files, the first file's base name. */
  database: string;
  /** `server_version` setting, for example `15.20 (Debian 15.20-0+deb12u1)` or PGlite's `17.4`. */
  serverVersion: string;
  /** Sorted by name. */
  schemas: SchemaNamespace[];
  /** Tables, partitioned tables, foreign tables and (when asked for) views; sorted by schema, then name. */
  tables: Table[];
  /** Sorted by schema, then name. */
  enums: EnumType[];
  /**
   * Relations the database does not enforce: declared in the config (`relations`) or inferred from column
   * names (`--infer-relations`). Absent or empty when none were asked for. Sorted by id.
   */
  relations?: UnenforcedRelation[];
}

export interface SchemaNamespace {
  name: string;
  comment: string | null;
}

/** Identifies a table (or view) anywhere in the model. */
export interface TableRef {
  schema: string;
  name: string;
}

export type TableKind = 'table' | 'partitioned_table' | 'foreign_table' | 'view' | 'materialized_view';

export interface Table extends TableRef {
  kind: TableKind;
  comment: string | null;
  /** `pg_class.reltuples` (summed over partitions for a partitioned table); null when never analysed. */
  estimatedRows: number | null;
  /** In ordinal order. */
  columns: Column[];
  primaryKey: PrimaryKey | null;
  /** Unique constraints and unique indexes that are not the primary key; sorted by name. */
  uniqueKeys: UniqueKey[];
  /** Every index, including those behind the primary key and unique constraints; sorted by name. */
  indexes: Index[];
  /** Sorted by name. */
  checks: CheckConstraint[];
  /** Sorted by name. For a partitioned table this includes keys declared only on its partitions, once. */
  foreignKeys: ForeignKey[];
  /** Partitioning of a partitioned table, else null. */
  partitioning: Partitioning | null;
  /** For views and materialized views: the relations the view reads from, sorted; else empty. */
  dependsOn: TableRef[];
  /** For views and materialized views: `pg_get_viewdef`; else null. */
  viewDefinition: string | null;
}

export interface Partitioning {
  /** `pg_get_partkeydef`, for example `RANGE (payment_date)`. */
  key: string;
  /** The partitions folded into this table, sorted by schema then name. */
  partitions: Partition[];
}

export interface Partition extends TableRef {
  /** `pg_get_expr(relpartbound)`, for example `FOR VALUES FROM ('2022-01-01') TO ('2022-02-01')`. */
  bound: string;
}

export interface Column {
  name: string;
  /** 1-based position among the table's live columns (dropped columns are skipped, so no gaps). */
  ordinal: number;
  /** As `format_type` prints it: `character varying(40)`, `numeric(10,2)`, `integer[]`, `public.mood`. */
  type: string;
  nullable: boolean;
  /** Default expression as PostgreSQL prints it, or null. Identity and generated columns have none. */
  default: string | null;
  identity: 'always' | 'by_default' | null;
  /** Expression of a `GENERATED ALWAYS AS (...) STORED` column, or null. */
  generated: string | null;
  comment: string | null;
}

export interface PrimaryKey {
  name: string;
  /** In key order. */
  columns: string[];
}

export interface UniqueKey {
  name: string;
  /** In key order. */
  columns: string[];
  /** A unique constraint, or a unique index without a constraint. */
  origin: 'constraint' | 'index';
  /** For a partial unique index, its `WHERE` predicate; null otherwise. */
  predicate: string | null;
}

export interface Index {
  name: string;
  /** Key columns in order; an expression key is given as its expression text. */
  columns: string[];
  /** Access method: `btree`, `gin`, `gist`, `hash`, `brin`, `spgist`, ... */
  method: string;
  unique: boolean;
  primary: boolean;
  predicate: string | null;
  /** `pg_get_indexdef`, for readers that want everything. */
  definition: string;
}

export interface CheckConstraint {
  name: string;
  /** `pg_get_constraintdef`, for example `CHECK ((price > (0)::numeric))`. */
  expression: string;
}

export type ReferentialAction = 'no_action' | 'restrict' | 'cascade' | 'set_null' | 'set_default';

export interface ForeignKey {
  name: string;
  /** Referencing columns, pairwise with `references.columns`. */
  columns: string[];
  references: TableRef & { columns: string[] };
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
  deferrable: boolean;
  initiallyDeferred: boolean;
  /** False for a key added `NOT VALID` and not validated since. */
  validated: boolean;
}

/** How a relation is known: a foreign-key constraint, a declaration in the config, or an inference from names. */
export type RelationKind = 'constraint' | 'declared' | 'inferred';

/** A relation with no constraint behind it; the drawers show it dashed, "not enforced". */
export interface UnenforcedRelation {
  kind: 'declared' | 'inferred';
  /** `declared:schema.table(col)->schema.table(col)` (or `inferred:...`): unique, stable across runs. */
  id: string;
  /** The referencing table and columns, pairwise with `references.columns`. */
  from: TableRef & { columns: string[] };
  references: TableRef & { columns: string[] };
}

export interface EnumType {
  schema: string;
  name: string;
  /** In declaration (sort) order. */
  labels: string[];
}

/** `schema.table`, the id every stage uses for a table. Not quoted: ids are keys, never SQL. */
export function tableId(ref: TableRef): string {
  return `${ref.schema}.${ref.name}`;
}
