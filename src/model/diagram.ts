/**
 * What the graph stage hands to layout and render: the tables and relations that survive the filters,
 * each table reduced to the rows that will be drawn. Plain data, like the schema model.
 */
import type { TableKind } from './schema.js';

export interface Diagram {
  /** Shown in the board's title text. */
  title: string;
  /** Schemas that have at least one table in the diagram, sorted. */
  schemas: string[];
  /** Sorted by id. */
  tables: DiagramTable[];
  /** Sorted by id. */
  relations: DiagramRelation[];
  /** Foreign keys (and view dependencies) dropped because one end was filtered out. */
  droppedRelations: number;
  /**
   * Subject areas (src/graph/subject-areas.ts): a schema, or the whole diagram, of more than about 40
   * tables split into parts drawn in frames of their own. Empty when nothing is split. Sorted by key.
   */
  areas?: DiagramArea[];
  /**
   * Hub tables (referenced by more than 12 relations): drawn once, in their own area or schema frame; other
   * frames that reference one get a reference box standing for it (unless layout option `references` is
   * false). Sorted by id.
   */
  hubs?: string[];
  /**
   * Enum types that the drawn rows use as column types (arrays of them included), with the tables that
   * use them: what the enum legends list (src/scene/enum-legend.ts). Sorted by schema, then name.
   */
  enums?: DiagramEnum[];
}

export interface DiagramEnum {
  schema: string;
  name: string;
  /** The type as the drawn columns print it (`mpaa_rating`, or `public.quote_status` off the search path). */
  type: string;
  /** In declaration order. */
  labels: string[];
  /** Ids of the diagram's tables with a drawn column of this type, sorted. */
  tables: string[];
}

/** A detected area's title: its most central table, and how many more it holds ("invoices & 11 more"). */
export function areaTitle(name: string, tables: number): string {
  return tables <= 1 ? name : `${name} & ${tables - 1} more`;
}

/**
 * An area's title without its count, which a table added to the area changes: how a frame whose title a
 * board rewrote (no signature left) is still known as the area's after a one-table migration.
 */
export function areaTitleStem(title: string): string {
  return title.replace(/ & \d+ more$/, '');
}

export interface DiagramArea {
  /** Unique on the board: `<schema>/<slug>`; stable while the area's most central table stays. */
  key: string;
  schema: string;
  /** A configured name (config `areas`), or the most central table: "invoices & 11 more". */
  title: string;
  /** True when the area comes from config `areas`. */
  pinned: boolean;
  /** Ids, sorted. */
  tables: string[];
}

export type KeyMarker = 'pk' | 'fk' | 'pk_fk' | 'unique' | null;

export interface DiagramRow {
  /** Column name, or for the overflow row null. */
  column: string | null;
  /** The text of the row's name cell: the column name, or `… 37 more` for the overflow row. */
  label: string;
  /** Column type as the model prints it; empty for the overflow row. */
  type: string;
  nullable: boolean;
  key: KeyMarker;
  /** The column's comment, when it has one (the preview shows it on hover). */
  comment?: string;
  /**
   * Set on the row under the header that shows the table's comment (its first line, in italics; `label`),
   * not a column: rows below it, where relations attach, count it like any row.
   */
  tableComment?: true;
}

export interface DiagramTable {
  /** `schema.table`. */
  id: string;
  schema: string;
  name: string;
  kind: TableKind;
  comment: string | null;
  /** Rows to draw, in column order (overflow row last). */
  rows: DiagramRow[];
  /** Columns not drawn because of `--columns keys` or `--max-columns`. */
  hiddenColumns: number;
}

/**
 * How an end of a relation reads in crow's-foot notation: how many rows of this end's table one row at
 * the other end relates to. Drawn as Miro's ERD caps `erd_only_one`, `erd_zero_or_one`, `erd_zero_or_many`.
 */
export type EndCardinality = 'exactly_one' | 'zero_or_one' | 'zero_or_many';

export interface DiagramRelation {
  /**
   * `schema.table.constraint` for a foreign key; `view:schema.view->schema.table` for a view dependency;
   * `declared:...` / `inferred:...` for a relation the database does not enforce (see `UnenforcedRelation`).
   */
  id: string;
  /** `declared` and `inferred` relations are not enforced by the database: drawn dashed, with key ends. */
  kind: 'foreign_key' | 'declared' | 'inferred' | 'view_dependency';
  /** The referencing table (or the view). */
  from: string;
  /** The referenced table (or the table the view reads). */
  to: string;
  /** Referencing columns (empty for a view dependency). */
  fromColumns: string[];
  /** Referenced columns (empty for a view dependency). */
  toColumns: string[];
  /**
   * ERD rules: the referencing side is `zero_or_many`, or `zero_or_one` when its columns are covered by a
   * unique constraint or unique index (one-to-one); the referenced side is `exactly_one` when every
   * referencing column is NOT NULL, `zero_or_one` when any is nullable.
   */
  fromEnd: EndCardinality;
  toEnd: EndCardinality;
  /** Index in the drawn rows of the first referencing / referenced column, where the relation attaches; null when that column is hidden or for a view dependency (then it attaches to the header). */
  fromRow: number | null;
  toRow: number | null;
}

/** One named subset drawn beside the whole schema: a list of tables, globs, or a table and the tables within `depth` hops of it. */
/** Config `areas`: a named subject area and the globs (`schema.table`, or a bare table name) of its tables. */
export interface AreaRule {
  name: string;
  include: string[];
}

export interface NamedDiagramSpec {
  name: string;
  /** Tables by `schema.table` (or `table` when unambiguous). */
  tables?: string[];
  include?: string[];
  exclude?: string[];
  focus?: string;
  depth?: number;
}
