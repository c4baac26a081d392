/**
 * DBML (`--out schema.dbml`), the language of dbdiagram.io and dbdocs: enums, tables with their columns,
 * notes, indexes and checks, and a `Ref` per relation. Relations no constraint backs are written as Refs
 * too (DBML has no such notion), each after a comment saying it is not enforced.
 */
import type { SchemaRelation } from '../model/relations.js';
import type { CheckConstraint, Column, EnumType, Index, Table, TableRef } from '../model/schema.js';
import { tableId } from '../model/schema.js';
import type { DocumentedSchema } from './documented.js';

export function schemaDbml(doc: DocumentedSchema): string {
  const usedSchemas = new Set(doc.tables.map((t) => t.schema));
  const parts: string[] = [];
  const enums = doc.schema.enums.filter((e) => usedSchemas.has(e.schema));
  for (const enumType of enums) parts.push(enumBlock(enumType));
  for (const table of doc.tables) parts.push(tableBlock(table));
  const refs = doc.relations.filter((r) => doc.ids.has(tableId(r.from)) && doc.ids.has(tableId(r.references)));
  if (refs.length > 0) parts.push(refs.map((r) => refLine(r, doc)).join('\n'));
  return `${parts.join('\n\n')}\n`;
}

function enumBlock(enumType: EnumType): string {
  return [`Enum ${qualified(enumType)} {`, ...enumType.labels.map((label) => `  ${quote(label)}`), '}'].join('\n');
}

function tableBlock(table: Table): string {
  const lines = [`Table ${qualified(table)} {`];
  const pk = table.primaryKey?.columns ?? [];
  for (const column of table.columns) lines.push(`  ${columnLine(column, pk.length === 1 && pk[0] === column.name)}`);
  // The primary key of several columns is an index with `pk`; of one column, the column's own setting.
  const indexes = table.indexes.filter((i) => !(i.primary && pk.length === 1));
  if (indexes.length > 0) lines.push('', '  Indexes {', ...indexes.map((i) => `    ${indexLine(i)}`), '  }');
  if (table.checks.length > 0) lines.push('', '  Checks {', ...table.checks.map((c) => `    ${checkLine(c)}`), '  }');
  if (table.comment !== null) lines.push('', `  Note: ${note(table.comment)}`);
  lines.push('}');
  return lines.join('\n');
}

function columnLine(column: Column, primaryKey: boolean): string {
  const settings: string[] = [];
  if (primaryKey) settings.push('pk');
  if (!column.nullable) settings.push('not null');
  if (column.identity !== null) settings.push('increment');
  if (column.default !== null) settings.push(`default: ${expression(column.default)}`);
  const notes = [column.comment, column.generated === null ? null : `generated always as ${column.generated}`].filter((n) => n !== null);
  if (notes.length > 0) settings.push(`note: ${note(notes.join('\n'))}`);
  return `${quote(column.name)} ${typeName(column.type)}${settings.length > 0 ? ` [${settings.join(', ')}]` : ''}`;
}

function indexLine(index: Index): string {
  const columns = index.columns.map((c) => (/^[A-Za-z_][A-Za-z0-9_$]*$/.test(c) ? quote(c) : expression(c)));
  const settings = [
    ...(index.primary ? ['pk'] : []),
    ...(index.unique && !index.primary ? ['unique'] : []),
    `name: ${quote(index.name)}`,
    ...(['btree', 'hash', 'gin', 'gist', 'brin', 'spgist'].includes(index.method) ? [`type: ${index.method}`] : []),
    ...(index.predicate !== null ? [`note: ${note(`WHERE ${index.predicate}`)}`] : []),
  ];
  return `(${columns.join(', ')}) [${settings.join(', ')}]`;
}

function checkLine(check: CheckConstraint): string {
  // `CHECK ((price > 0))` -> `price > 0`: DBML holds the expression only.
  const body = check.expression.replace(/^CHECK\s*\(([\s\S]*)\)(\s+NOT VALID)?$/, '$1');
  return `${expression(body)} [name: ${quote(check.name)}]`;
}

function refLine(relation: SchemaRelation, doc: DocumentedSchema): string {
  const drawn = doc.drawn.get(relation.id);
  // `-` one-to-one when the referencing columns are unique, else `>` many-to-one.
  const arrow = drawn?.fromEnd === 'zero_or_one' ? '-' : '>';
  const settings: string[] = [];
  const fk = relation.foreignKey;
  if (fk !== null) {
    if (fk.onDelete !== 'no_action') settings.push(`delete: ${fk.onDelete.replace('_', ' ')}`);
    if (fk.onUpdate !== 'no_action') settings.push(`update: ${fk.onUpdate.replace('_', ' ')}`);
  }
  const name = fk === null ? '' : ` ${quote(fk.name)}`;
  const line = `Ref${name}: ${endpoint(relation.from)} ${arrow} ${endpoint(relation.references)}${settings.length > 0 ? ` [${settings.join(', ')}]` : ''}`;
  return fk === null ? `// ${relation.kind}, not enforced by the database\n${line}` : line;
}

function endpoint(end: TableRef & { columns: string[] }): string {
  const columns = end.columns.length === 1 ? quote(end.columns[0]!) : `(${end.columns.map(quote).join(', ')})`;
  return `${qualified(end)}.${columns}`;
}

function qualified(ref: TableRef): string {
  return `${quote(ref.schema)}.${quote(ref.name)}`;
}

function quote(name: string): string {
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A type as DBML reads it: bare when it is one word, else quoted (`"character varying(40)"`, `"integer[]"`). */
function typeName(type: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*(\([0-9, ]*\))?$/.test(type) && !/\s/.test(type) ? type : quote(type);
}

function expression(text: string): string {
  return `\`${text.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}

function note(text: string): string {
  const escaped = text.replace(/\\/g, '\\\\');
  return /[\n\r']/.test(escaped) ? `'''${escaped.replace(/'/g, "\\'").replace(/\r\n/g, '\n')}'''` : `'${escaped}'`;
}
