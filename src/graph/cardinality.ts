/**
 * Crow's-foot ends of a relation (a foreign key, or one that is declared or inferred), by the rules documented on `DiagramRelation` (src/model/diagram.ts).
 */
import type { EndCardinality } from '../model/diagram.js';
import type { ForeignKey, Table } from '../model/schema.js';

/**
 * `zero_or_one` when the referencing columns are unique on their own (a PK, unique constraint or full unique
 * index lies within them: one-to-one), else `zero_or_many`. A referenced row need not be referenced at all.
 */
export function referencingEnd(table: Table, foreignKey: Pick<ForeignKey, 'columns'>): EndCardinality {
  const fkColumns = new Set(foreignKey.columns);
  const uniqueColumnSets: string[][] = [];
  if (table.primaryKey) uniqueColumnSets.push(table.primaryKey.columns);
  for (const unique of table.uniqueKeys) {
    // A partial unique index makes only some rows unique, so it does not make the relation one-to-one.
    if (unique.predicate === null) uniqueColumnSets.push(unique.columns);
  }
  const covered = uniqueColumnSets.some((columns) => columns.length > 0 && columns.every((c) => fkColumns.has(c)));
  return covered ? 'zero_or_one' : 'zero_or_many';
}

/** `zero_or_one` when any referencing column is nullable (a row may reference nothing), else `exactly_one`. */
export function referencedEnd(table: Table, foreignKey: Pick<ForeignKey, 'columns'>): EndCardinality {
  const nullable = new Set(table.columns.filter((c) => c.nullable).map((c) => c.name));
  return foreignKey.columns.some((c) => nullable.has(c)) ? 'zero_or_one' : 'exactly_one';
}
