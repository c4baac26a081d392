/**
 * Types of the graph stage: its options and the attributes of the graphology graph it builds.
 */
import type { MultiDirectedGraph } from 'graphology';
import type { DiagramRelation, EndCardinality } from '../model/diagram.js';
import type { Table } from '../model/schema.js';
import type { AreaRule } from './subject-areas.js';

export interface GraphOptions {
  /** Keep only tables in these schemas (`--schema`, repeatable). */
  schemas?: string[];
  /** Keep only tables whose `schema.table` matches one of these globs (`--include`, repeatable). */
  include?: string[];
  /** Drop tables whose `schema.table` matches one of these globs (`--exclude`, repeatable). */
  exclude?: string[];
  /** Keep only the tables within `depth` relation hops of this table (`schema.table`, or `table` when unambiguous). */
  focus?: string;
  /** Hops around `focus`, both directions; 1 when omitted. */
  depth?: number;
  /** Draw views and materialized views, joined to the tables they read (`--views`). */
  views?: boolean;
  /** `keys`: only primary, foreign and unique key columns (`--columns`). */
  columns?: 'all' | 'keys';
  /** At most this many column rows per table, then an overflow row (`--max-columns`). */
  maxColumns?: number;
  /** Diagram title; the database name when omitted. */
  title?: string;
  /** Named areas pinned by glob (config `areas`); the other tables of a large schema fall into detected areas. */
  areas?: AreaRule[];
  /**
   * How messages name an option the stage rejects: the CLI passes its flag (`--depth`) or config key; by
   * default the option's own key (`depth`), as a library caller wrote it.
   */
  optionName?: (key: GraphOptionKey) => string;
}

/** The options a user sets (everything but the message naming). */
export type GraphOptionKey = Exclude<keyof GraphOptions, 'optionName'>;

/** The option's own key: how the stage names options unless told otherwise. */
export function optionKeyName(key: GraphOptionKey): string {
  return key;
}

/** A node: one table or view of the model, keyed by its `schema.table` id. */
export interface TableNodeAttributes {
  id: string;
  table: Table;
}

/** An edge: one foreign key, unenforced relation or view dependency, keyed by the relation id. */
export interface RelationEdgeAttributes {
  id: string;
  kind: DiagramRelation['kind'];
  fromColumns: string[];
  toColumns: string[];
  fromEnd: EndCardinality;
  toEnd: EndCardinality;
}

export interface SchemaGraphAttributes {
  title: string;
  /** Relations with one end kept and the other filtered out (or absent from the model). */
  droppedRelations: number;
}

export type SchemaGraph = MultiDirectedGraph<TableNodeAttributes, RelationEdgeAttributes, SchemaGraphAttributes>;
