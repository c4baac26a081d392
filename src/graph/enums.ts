/**
 * The enum types a diagram shows: those a drawn row has as its column type (or an array of it), with the
 * tables that show them. An enum no drawn column uses is left out: the legend explains what a reader sees
 * on the board, and with filters the schema's other enums belong to tables that are not there. Pure.
 */
import type { DiagramEnum, DiagramTable } from '../model/diagram.js';
import type { EnumType } from '../model/schema.js';
import { compareStrings } from '../util/compare.js';

export function diagramEnums(enums: readonly EnumType[], tables: readonly DiagramTable[]): DiagramEnum[] {
  if (enums.length === 0) return [];
  // How `format_type` may print each enum: qualified, or bare when its schema is on the search path.
  const qualified = new Map<string, EnumType>();
  const bare = new Map<string, EnumType[]>();
  for (const type of enums) {
    for (const schema of spellings(type.schema)) for (const name of spellings(type.name)) qualified.set(`${schema}.${name}`, type);
    for (const name of spellings(type.name)) bare.set(name, [...(bare.get(name) ?? []), type]);
  }
  const used = new Map<EnumType, Set<string>>();
  const printedAs = new Map<EnumType, string>();
  for (const table of tables) {
    for (const row of table.rows) {
      if (row.column === null) continue;
      const printed = row.type.replace(/(\[\])+$/, '');
      const type = qualified.get(printed) ?? pickBare(bare.get(printed), table.schema);
      if (type === undefined) continue;
      // The first spelling met, in table order: the legend names the type as a reader sees it in the rows.
      if (!printedAs.has(type)) printedAs.set(type, printed);
      const users = used.get(type) ?? new Set<string>();
      users.add(table.id);
      used.set(type, users);
    }
  }
  return [...used]
    .map(([type, users]) => ({ schema: type.schema, name: type.name, type: printedAs.get(type)!, labels: [...type.labels], tables: [...users].sort(compareStrings) }))
    .sort((a, b) => compareStrings(a.schema, b.schema) || compareStrings(a.name, b.name));
}

/** A bare name two schemas' enums share: the table's own schema's, else `public`'s (the usual search path). */
function pickBare(candidates: readonly EnumType[] | undefined, tableSchema: string): EnumType | undefined {
  if (candidates === undefined) return undefined;
  if (candidates.length === 1) return candidates[0];
  return candidates.find((t) => t.schema === tableSchema) ?? candidates.find((t) => t.schema === 'public');
}

/** An identifier as PostgreSQL may print it: as is, and double-quoted (as `quote_ident` does when it must). */
function spellings(identifier: string): string[] {
  return [identifier, `"${identifier.replace(/"/g, '""')}"`];
}
