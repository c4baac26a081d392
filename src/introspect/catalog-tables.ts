/**
 * The pg_catalog tables introspection reads, typed for kysely (only the columns we use). Types are what
 * the comparisons need, not what a driver would return: selected values are cast in SQL (see catalog-rows.ts).
 */

type Oid = number;

export type CatalogTables = {
  'pg_catalog.pg_namespace': { oid: Oid; nspname: string };
  'pg_catalog.pg_class': {
    oid: Oid;
    relname: string;
    relnamespace: Oid;
    relkind: string;
    reltuples: number;
    relispartition: boolean;
    relpartbound: unknown;
    relam: Oid;
  };
  'pg_catalog.pg_attribute': {
    attrelid: Oid;
    attname: string;
    attnum: number;
    atttypid: Oid;
    atttypmod: number;
    attnotnull: boolean;
    attisdropped: boolean;
    attidentity: string;
    attgenerated: string;
  };
  'pg_catalog.pg_attrdef': { adrelid: Oid; adnum: number; adbin: unknown };
  'pg_catalog.pg_description': { objoid: Oid; classoid: Oid; objsubid: number; description: string };
  'pg_catalog.pg_depend': {
    classid: Oid;
    objid: Oid;
    objsubid: number;
    refclassid: Oid;
    refobjid: Oid;
    refobjsubid: number;
    deptype: string;
  };
  'pg_catalog.pg_constraint': {
    oid: Oid;
    conname: string;
    contype: string;
    conrelid: Oid;
    confrelid: Oid;
    conkey: number[];
    confkey: number[];
    confdeltype: string;
    confupdtype: string;
    condeferrable: boolean;
    condeferred: boolean;
    convalidated: boolean;
    conparentid: Oid;
    conindid: Oid;
  };
  'pg_catalog.pg_index': {
    indexrelid: Oid;
    indrelid: Oid;
    indisunique: boolean;
    indisprimary: boolean;
    indnkeyatts: number;
    indkey: unknown;
    indpred: unknown;
  };
  'pg_catalog.pg_am': { oid: Oid; amname: string };
  'pg_catalog.pg_type': { oid: Oid; typname: string; typnamespace: Oid; typtype: string };
  'pg_catalog.pg_enum': { enumtypid: Oid; enumlabel: string; enumsortorder: number };
  'pg_catalog.pg_rewrite': { oid: Oid; ev_class: Oid };
};
