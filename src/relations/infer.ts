/**
 * `--infer-relations`: the Rails/Django naming convention read as relations. A column `<name>_id` refers to
 * the table `<name>` or its plural (`company_id` -> `companies`, `person_id` -> `people`) when that table's
 * primary key is one column of the same type. The table is looked for in the column's own schema first,
 * then along the search path. Never where a foreign key (or a declared relation) already covers the column,
 * and never for a polymorphic pair (`<name>_type` beside `<name>_id`), whose target varies by row.
 */
import pluralize from 'pluralize';
import { unenforcedRelationId } from '../model/relations.js';
import type { DatabaseSchema, Table, UnenforcedRelation } from '../model/schema.js';
import { tableId } from '../model/schema.js';

const ID_SUFFIX = /^(.+)_id$/i;

export function inferRelations(
  schema: DatabaseSchema,
  options: { searchPath?: readonly string[]; alreadyCovered?: readonly UnenforcedRelation[] } = {},
): UnenforcedRelation[] {
  const searchPath = options.searchPath ?? ['public'];
  const targets = new Map<string, Table>();
  for (const table of schema.tables) {
    if (isReferenceable(table)) targets.set(tableId(table), table);
  }
  const declaredColumns = new Set(
    (options.alreadyCovered ?? []).flatMap((r) => r.from.columns.map((c) => `${tableId(r.from)}.${c}`)),
  );

  const inferred: UnenforcedRelation[] = [];
  for (const table of schema.tables) {
    if (table.kind === 'view' || table.kind === 'materialized_view') continue;
    const covered = new Set(table.foreignKeys.flatMap((fk) => fk.columns));
    const columnNames = new Set(table.columns.map((c) => c.name.toLowerCase()));
    for (const column of table.columns) {
      const match = ID_SUFFIX.exec(column.name);
      if (match === null) continue;
      const stem = match[1]!;
      if (covered.has(column.name) || declaredColumns.has(`${tableId(table)}.${column.name}`)) continue;
      if (columnNames.has(`${stem.toLowerCase()}_type`)) continue;
      const target = findTarget(targets, stem, [table.schema, ...searchPath]);
      if (target === null) continue;
      const key = target.primaryKey!.columns[0]!;
      const keyColumn = target.columns.find((c) => c.name === key);
      if (keyColumn === undefined || keyColumn.type !== column.type) continue;
      // A table's own key named `<table>_id` is its identity, not a reference to itself.
      if (target === table && key === column.name) continue;
      const from = { schema: table.schema, name: table.name, columns: [column.name] };
      const to = { schema: target.schema, name: target.name, columns: [key] };
      inferred.push({ kind: 'inferred', id: unenforcedRelationId('inferred', from, to), from, references: to });
    }
  }
  return inferred;
}

function isReferenceable(table: Table): boolean {
  return table.kind !== 'view' && table.kind !== 'materialized_view' && table.primaryKey?.columns.length === 1;
}

/** The stem as written, then its plural, in each schema in turn: the nearest schema wins. */
function findTarget(targets: ReadonlyMap<string, Table>, stem: string, schemas: readonly string[]): Table | null {
  const names = [...new Set([stem, pluralize.plural(stem), stem.toLowerCase(), pluralize.plural(stem.toLowerCase())])];
  for (const schemaName of new Set(schemas)) {
    for (const name of names) {
      const table = targets.get(`${schemaName}.${name}`);
      if (table !== undefined) return table;
    }
  }
  return null;
}
