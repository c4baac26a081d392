/**
 * The catalog queries: a fixed handful (7, or 8 with views) whatever the number of tables, each reading
 * one kind of object for every table at once. All I/O of introspection is here; the mapping is pure.
 *
 * Names and expressions come from PostgreSQL's own printers (`format_type`, `pg_get_expr`,
 * `pg_get_constraintdef`, `pg_get_indexdef`, `pg_get_viewdef`) so the model reads as `\d` would.
 */
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { CatalogTables } from './catalog-tables.js';
import type {
  ColumnRow,
  ConstraintRow,
  EnumRow,
  IndexRow,
  NamespaceRow,
  RelationKindCode,
  RelationRow,
  ServerInfoRow,
  ViewDependencyRow,
} from './catalog-rows.js';

export type CatalogDb = Kysely<CatalogTables>;

export interface CatalogScope {
  /** Oids (as text) of the namespaces to read. */
  namespaceOids: string[];
  /** Relation kinds to read as top-level tables. */
  kinds: RelationKindCode[];
}

/**
 * Runs a query and returns its rows decoded from one JSON document. For the big per-column queries
 * (tens of thousands of rows) this halves the time on PGlite, which decodes every row in JavaScript,
 * and costs nothing measurable on a server. JSON keeps the row shapes: text, numbers, booleans, arrays.
 */
async function rowsViaJson<O>(db: CatalogDb, query: Expression<O>): Promise<O[]> {
  const result = await sql<{ rows: string }>`select coalesce(json_agg(r), '[]')::text as rows from (${query}) as r`.execute(db);
  return JSON.parse(result.rows[0]?.rows ?? '[]') as O[];
}

/** Excludes objects that belong to an extension (pg_depend deptype 'e'), such as postgis's spatial_ref_sys. */
function notFromExtension(catalog: 'pg_class' | 'pg_type' | 'pg_namespace', oid: Expression<unknown>): RawBuilder<SqlBool> {
  return sql<SqlBool>`not exists (
    select 1 from pg_catalog.pg_depend ext
    where ext.classid = ${sql.lit(`pg_catalog.${catalog}`)}::regclass and ext.objid = ${oid} and ext.deptype = 'e')`;
}

/**
 * Common table expressions every table-level query starts from: `roots`, the tables (and views) drawn,
 * and `parts`, the partitions folded into them (any depth, via pg_partition_root).
 */
function withScope(db: CatalogDb, scope: CatalogScope) {
  return db
    .with('roots', (qb) =>
      qb
        .selectFrom('pg_catalog.pg_class as c')
        .select('c.oid')
        .where(sql<SqlBool>`c.relnamespace = any(${scope.namespaceOids}::oid[])`)
        .where(sql<SqlBool>`c.relkind::text = any(${scope.kinds}::text[])`)
        .where('c.relispartition', '=', false)
        .where(notFromExtension('pg_class', sql.ref('c.oid'))),
    )
    .with('parts', (qb) =>
      qb
        .selectFrom('pg_catalog.pg_class as c')
        .select('c.oid')
        .where('c.relispartition', '=', true)
        .where('c.relkind', 'in', ['r', 'p', 'f'])
        .where(sql<SqlBool>`pg_catalog.pg_partition_root(c.oid) in (select oid from roots)`),
    );
}

/** `pg_description` of an object (objsubid 0) or of a column (objsubid attnum). */
function describedBy(catalog: 'pg_class' | 'pg_namespace', objoid: string, objsubid: string | number): RawBuilder<string | null> {
  return sql<string | null>`(select d.description from pg_catalog.pg_description d
    where d.objoid = ${sql.ref(objoid)} and d.classoid = ${sql.lit(`pg_catalog.${catalog}`)}::regclass
      and d.objsubid = ${typeof objsubid === 'number' ? sql.lit(objsubid) : sql.ref(objsubid)})`;
}

/** Column names of an attnum array, in array order. */
function attributeNames(relation: string, attnums: string): RawBuilder<string[]> {
  return sql<string[]>`array(
    select a.attname::text from unnest(${sql.ref(attnums)}) with ordinality as k(attnum, position)
    join pg_catalog.pg_attribute a on a.attrelid = ${sql.ref(relation)} and a.attnum = k.attnum
    order by k.position)`;
}

export async function queryServerInfo(db: CatalogDb): Promise<ServerInfoRow> {
  const row = await db
    .selectNoFrom([
      sql<string>`pg_catalog.current_database()::text`.as('database'),
      sql<string>`pg_catalog.current_setting('server_version')`.as('server_version'),
      sql<number>`pg_catalog.current_setting('server_version_num')::int4`.as('version_number'),
    ])
    .executeTakeFirstOrThrow();
  return { ...row, version_number: Number(row.version_number) };
}

/** Every user namespace: not pg_catalog, information_schema, toast or temp schemas, nor an extension's. */
export async function queryNamespaces(db: CatalogDb): Promise<NamespaceRow[]> {
  return db
    .selectFrom('pg_catalog.pg_namespace as n')
    .select([
      sql<string>`n.oid::text`.as('oid'),
      sql<string>`n.nspname::text`.as('name'),
      describedBy('pg_namespace', 'n.oid', 0).as('comment'),
    ])
    .where('n.nspname', 'not in', ['pg_catalog', 'information_schema', 'pg_toast'])
    .where(sql<SqlBool>`n.nspname !~ '^pg_(toast_)?temp_'`)
    .where(notFromExtension('pg_namespace', sql.ref('n.oid')))
    .orderBy('n.nspname')
    .execute();
}

export async function queryRelations(db: CatalogDb, scope: CatalogScope): Promise<RelationRow[]> {
  const rows = await withScope(db, scope)
    .selectFrom('pg_catalog.pg_class as c')
    .innerJoin('pg_catalog.pg_namespace as n', 'n.oid', 'c.relnamespace')
    .select([
      sql<string>`c.oid::text`.as('oid'),
      sql<string>`n.nspname::text`.as('schema'),
      sql<string>`c.relname::text`.as('name'),
      sql<RelationKindCode>`c.relkind::text`.as('kind'),
      describedBy('pg_class', 'c.oid', 0).as('comment'),
      sql<number>`c.reltuples::float8`.as('reltuples'),
      sql<string | null>`case when c.relkind = 'p' then pg_catalog.pg_get_partkeydef(c.oid) end`.as('partition_key'),
      sql<string | null>`case when c.relispartition then coalesce(pg_catalog.pg_partition_root(c.oid)::oid, c.oid)::text end`.as('root_oid'),
      sql<string | null>`case when c.relispartition then pg_catalog.pg_get_expr(c.relpartbound, c.oid) end`.as('partition_bound'),
      sql<string | null>`case when c.relkind in ('v', 'm') then pg_catalog.pg_get_viewdef(c.oid) end`.as('view_definition'),
    ])
    .where((eb) => eb.or([eb('c.oid', 'in', eb.selectFrom('roots').select('roots.oid')), eb('c.oid', 'in', eb.selectFrom('parts').select('parts.oid'))]))
    .execute();
  return rows.map((row) => ({ ...row, reltuples: Number(row.reltuples) }));
}

export async function queryColumns(db: CatalogDb, scope: CatalogScope): Promise<ColumnRow[]> {
  const query = withScope(db, scope)
    .selectFrom('pg_catalog.pg_attribute as a')
    .leftJoin('pg_catalog.pg_attrdef as ad', (join) => join.onRef('ad.adrelid', '=', 'a.attrelid').onRef('ad.adnum', '=', 'a.attnum'))
    .select([
      sql<string>`a.attrelid::text`.as('relation_oid'),
      sql<string>`a.attname::text`.as('name'),
      sql<number>`a.attnum::int4`.as('attnum'),
      sql<string>`pg_catalog.format_type(a.atttypid, a.atttypmod)`.as('type'),
      'a.attnotnull as not_null',
      sql<string | null>`pg_catalog.pg_get_expr(ad.adbin, ad.adrelid)`.as('expression'),
      sql<string>`a.attidentity::text`.as('identity'),
      sql<string>`a.attgenerated::text`.as('generated'),
      describedBy('pg_class', 'a.attrelid', 'a.attnum').as('comment'),
    ])
    .where('a.attrelid', 'in', (eb) => eb.selectFrom('roots').select('roots.oid'))
    .where('a.attnum', '>', 0)
    .where('a.attisdropped', '=', false);
  return (await rowsViaJson(db, query)).map((row) => ({ ...row, attnum: Number(row.attnum) }));
}

/**
 * Primary keys, unique and check constraints of the tables drawn, and foreign keys of those tables and of
 * their partitions. Constraints cloned from a parent's (conparentid <> 0) are left out: the parent's own
 * row already says it, once.
 */
export async function queryConstraints(db: CatalogDb, scope: CatalogScope): Promise<ConstraintRow[]> {
  const query = withScope(db, scope)
    .selectFrom('pg_catalog.pg_constraint as con')
    .leftJoin('pg_catalog.pg_class as rc', (join) =>
      join.on(sql<SqlBool>`con.contype = 'f' and rc.oid = coalesce(pg_catalog.pg_partition_root(con.confrelid), con.confrelid)`),
    )
    .leftJoin('pg_catalog.pg_namespace as rn', 'rn.oid', 'rc.relnamespace')
    .select([
      sql<string>`con.conrelid::text`.as('relation_oid'),
      sql<string>`con.conname::text`.as('name'),
      sql<ConstraintRow['type']>`con.contype::text`.as('type'),
      attributeNames('con.conrelid', 'con.conkey').as('columns'),
      sql<string | null>`rn.nspname::text`.as('referenced_schema'),
      sql<string | null>`rc.relname::text`.as('referenced_name'),
      sql<string[]>`case when con.contype = 'f' then ${attributeNames('con.confrelid', 'con.confkey')} else '{}'::text[] end`.as(
        'referenced_columns',
      ),
      sql<string>`con.confdeltype::text`.as('on_delete'),
      sql<string>`con.confupdtype::text`.as('on_update'),
      'con.condeferrable as deferrable',
      'con.condeferred as deferred',
      'con.convalidated as validated',
      sql<string>`pg_catalog.pg_get_constraintdef(con.oid)`.as('definition'),
    ])
    .where('con.conparentid', '=', 0)
    .where((eb) =>
      eb.or([
        eb.and([eb('con.contype', 'in', ['p', 'u', 'f', 'c']), eb('con.conrelid', 'in', eb.selectFrom('roots').select('roots.oid'))]),
        eb.and([eb('con.contype', '=', 'f'), eb('con.conrelid', 'in', eb.selectFrom('parts').select('parts.oid'))]),
      ]),
    );
  return rowsViaJson(db, query);
}

export async function queryIndexes(db: CatalogDb, scope: CatalogScope): Promise<IndexRow[]> {
  const query = withScope(db, scope)
    .selectFrom('pg_catalog.pg_index as i')
    .innerJoin('pg_catalog.pg_class as ic', 'ic.oid', 'i.indexrelid')
    .innerJoin('pg_catalog.pg_am as am', 'am.oid', 'ic.relam')
    .select([
      sql<string>`i.indrelid::text`.as('relation_oid'),
      sql<string>`ic.relname::text`.as('name'),
      sql<string>`am.amname::text`.as('method'),
      'i.indisunique as is_unique',
      'i.indisprimary as is_primary',
      // A key column by its name (attnum <> 0), an expression key by its text.
      sql<string[]>`array(
        select coalesce(a.attname::text, pg_catalog.pg_get_indexdef(i.indexrelid, k.n, false))
        from generate_series(1, i.indnkeyatts) as k(n)
        left join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[k.n - 1] and i.indkey[k.n - 1] <> 0
        order by k.n)`.as('columns'),
      sql<string | null>`pg_catalog.pg_get_expr(i.indpred, i.indrelid)`.as('predicate'),
      sql<string>`pg_catalog.pg_get_indexdef(i.indexrelid)`.as('definition'),
      sql<boolean>`exists (select 1 from pg_catalog.pg_constraint k
        where k.conindid = i.indexrelid and k.conrelid = i.indrelid and k.contype in ('p', 'u', 'x'))`.as('backs_constraint'),
    ])
    .where('i.indrelid', 'in', (eb) => eb.selectFrom('roots').select('roots.oid'));
  return rowsViaJson(db, query);
}

export async function queryEnums(db: CatalogDb, scope: CatalogScope): Promise<EnumRow[]> {
  return db
    .selectFrom('pg_catalog.pg_type as t')
    .innerJoin('pg_catalog.pg_namespace as n', 'n.oid', 't.typnamespace')
    .select([
      sql<string>`n.nspname::text`.as('schema'),
      sql<string>`t.typname::text`.as('name'),
      sql<string[]>`array(select e.enumlabel::text from pg_catalog.pg_enum e where e.enumtypid = t.oid order by e.enumsortorder)`.as(
        'labels',
      ),
    ])
    .where('t.typtype', '=', 'e')
    .where(sql<SqlBool>`t.typnamespace = any(${scope.namespaceOids}::oid[])`)
    .where(notFromExtension('pg_type', sql.ref('t.oid')))
    .execute();
}

/**
 * The relations each view reads, from the dependencies of its rewrite rule; a partition read directly is
 * reported as the top of its tree, like foreign keys.
 */
export async function queryViewDependencies(db: CatalogDb, scope: CatalogScope): Promise<ViewDependencyRow[]> {
  return withScope(db, scope)
    .selectFrom('pg_catalog.pg_rewrite as r')
    .innerJoin('pg_catalog.pg_depend as d', (join) =>
      join.on(sql<SqlBool>`d.classid = 'pg_catalog.pg_rewrite'::regclass and d.objid = r.oid
        and d.refclassid = 'pg_catalog.pg_class'::regclass and d.refobjid <> r.ev_class`),
    )
    .innerJoin('pg_catalog.pg_class as rc', (join) =>
      join.on(sql<SqlBool>`rc.oid = coalesce(pg_catalog.pg_partition_root(d.refobjid), d.refobjid)`),
    )
    .innerJoin('pg_catalog.pg_namespace as rn', 'rn.oid', 'rc.relnamespace')
    .select([
      sql<string>`r.ev_class::text`.as('view_oid'),
      sql<string>`rn.nspname::text`.as('referenced_schema'),
      sql<string>`rc.relname::text`.as('referenced_name'),
    ])
    .distinct()
    .where('rc.relkind', 'in', ['r', 'p', 'f', 'v', 'm'])
    .where('r.ev_class', 'in', (eb) => eb.selectFrom('roots').select('roots.oid'))
    .execute();
}
