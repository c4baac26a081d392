/**
 * `--out schema.md`: the schema as a Markdown document for a repository (tbls-style docs that GitHub
 * renders). One file, a section per schema, a section per table: columns (type, nullability, default,
 * key, comment), keys, indexes, checks, the relations in and out (foreign keys, and the declared or
 * inferred ones marked "not enforced"), and a Mermaid diagram of the table's neighbourhood: whole-schema
 * Mermaid diagrams are unreadable past about 30 tables, one table and its neighbours stays legible.
 */
import type { Diagram } from '../model/diagram.js';
import type { SchemaRelation } from '../model/relations.js';
import type { Table, TableRef } from '../model/schema.js';
import { tableId } from '../model/schema.js';
import { relationKindText, type DocumentedSchema } from './documented.js';
import { erDiagramMermaid, neighbourhood } from './mermaid.js';

/** Tables in one neighbourhood diagram (the table itself and its nearest neighbours). */
export const NEIGHBOURHOOD_LIMIT = 16;

export function schemaMarkdown(doc: DocumentedSchema, diagram: Diagram): string {
  const out: string[] = [`# ${text(doc.schema.database)}`, ''];
  out.push(
    `${doc.tables.length} table${doc.tables.length === 1 ? '' : 's'} in ${plural(new Set(doc.tables.map((t) => t.schema)).size, 'schema')}, ` +
      `${plural(doc.relations.length, 'relation')}. PostgreSQL ${text(doc.schema.serverVersion)}.`,
    '',
  );
  if (doc.relations.some((r) => r.kind !== 'constraint')) {
    out.push('Relations marked *not enforced* are declared in the configuration or inferred from column names; no constraint in the database backs them.', '');
  }
  const schemas = [...new Set(doc.tables.map((t) => t.schema))];
  const comments = new Map(doc.schema.schemas.map((s) => [s.name, s.comment]));
  out.push('## Contents', '');
  for (const schema of schemas) {
    out.push(`- [${text(schema)}](#${anchor(`schema ${schema}`)})`);
    for (const table of doc.tables.filter((t) => t.schema === schema)) out.push(`  - [${text(table.name)}](#${anchor(tableId(table))})`);
  }
  out.push('');
  for (const schema of schemas) {
    out.push(`## Schema ${text(schema)}`, '');
    const comment = comments.get(schema);
    if (comment) out.push(text(comment), '');
    for (const table of doc.tables.filter((t) => t.schema === schema)) out.push(...tableSection(table, doc, diagram));
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function tableSection(table: Table, doc: DocumentedSchema, diagram: Diagram): string[] {
  const id = tableId(table);
  const out = [`### ${text(id)}`, ''];
  const kind = table.kind === 'table' ? null : table.kind.replace(/_/g, ' ');
  if (kind !== null) out.push(`*${kind}*`, '');
  if (table.comment !== null) out.push(text(table.comment), '');
  out.push(...columnTable(table), '');

  const keys: string[][] = [];
  if (table.primaryKey !== null) keys.push(['primary key', code(table.primaryKey.name), list(table.primaryKey.columns)]);
  for (const unique of table.uniqueKeys) {
    keys.push([unique.origin === 'index' ? 'unique index' : 'unique', code(unique.name), list(unique.columns) + (unique.predicate ? ` where ${code(unique.predicate)}` : '')]);
  }
  for (const check of table.checks) keys.push(['check', code(check.name), code(check.expression)]);
  if (keys.length > 0) out.push(...markdownTable(['constraint', 'name', 'definition'], keys), '');

  const indexes = table.indexes.filter((i) => !i.primary && !table.uniqueKeys.some((u) => u.name === i.name));
  if (indexes.length > 0) {
    out.push(
      ...markdownTable(
        ['index', 'columns', 'method', 'unique', 'where'],
        indexes.map((i) => [code(i.name), list(i.columns), i.method, i.unique ? 'yes' : '', i.predicate === null ? '' : code(i.predicate)]),
      ),
      '',
    );
  }

  const outgoing = doc.relations.filter((r) => tableId(r.from) === id);
  const incoming = doc.relations.filter((r) => tableId(r.references) === id && tableId(r.from) !== id);
  if (outgoing.length > 0) {
    out.push('**References**', '', ...markdownTable(['columns', 'references', 'referenced columns', 'constraint'], outgoing.map((r) => relationRow(r, r.from, r.references, doc))), '');
  }
  if (incoming.length > 0) {
    out.push('**Referenced by**', '', ...markdownTable(['table', 'its columns', 'referenced columns', 'constraint'], incoming.map((r) => relationRow(r, r.references, r.from, doc, true))), '');
  }
  if (table.viewDefinition !== null) out.push('```sql', table.viewDefinition.trim(), '```', '');

  if (diagram.relations.some((r) => r.from === id || r.to === id)) {
    const around = neighbourhood(diagram, [id], NEIGHBOURHOOD_LIMIT);
    out.push('```mermaid', erDiagramMermaid(diagram, { tables: around.tables, columns: 'keys' }).trimEnd(), '```', '');
    if (around.omitted > 0) out.push(`*${plural(around.omitted, 'more related table')} not drawn; all are listed above.*`, '');
  }
  return out;
}

function columnTable(table: Table): string[] {
  const pk = new Set(table.primaryKey?.columns ?? []);
  const fk = new Set(table.foreignKeys.flatMap((k) => k.columns));
  const unique = new Set(table.uniqueKeys.filter((u) => u.columns.length === 1).map((u) => u.columns[0]));
  const rows = table.columns.map((c) => {
    const key = [pk.has(c.name) ? 'PK' : '', fk.has(c.name) ? 'FK' : '', unique.has(c.name) ? 'UK' : ''].filter(Boolean).join(' ');
    const value =
      c.identity !== null ? `identity (${c.identity.replace('_', ' ')})` : c.generated !== null ? `generated: ${code(c.generated)}` : c.default === null ? '' : code(c.default);
    return [code(c.name), code(c.type), c.nullable ? 'yes' : 'no', value, key, c.comment === null ? '' : text(c.comment)];
  });
  return markdownTable(['column', 'type', 'nullable', 'default', 'key', 'comment'], rows);
}

function relationRow(relation: SchemaRelation, near: TableRef & { columns: string[] }, far: TableRef & { columns: string[] }, doc: DocumentedSchema, farFirst = false): string[] {
  const farId = tableId(far);
  const link = doc.ids.has(farId) ? `[${text(farId)}](#${anchor(farId)})` : text(farId);
  const fk = relation.foreignKey;
  const kind = fk === null ? `*${relationKindText(relation)}*` : `${code(fk.name)}${fk.onDelete === 'no_action' ? '' : `, on delete ${fk.onDelete.replace('_', ' ')}`}`;
  return farFirst ? [link, list(far.columns), list(near.columns), kind] : [list(near.columns), link, list(far.columns), kind];
}

/** A GitHub-flavoured table; cells are escaped so a `|` or a newline in a value never breaks a row. */
function markdownTable(header: string[], rows: string[][]): string[] {
  const line = (cells: string[]): string => `| ${cells.map((c) => c.replace(/\r?\n/g, ' ')).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)];
}

/** Inline code; a backtick inside is shown by a longer fence, a `|` escaped for the table around it. */
function code(value: string): string {
  const fence = value.includes('`') ? '``' : '`';
  const padded = value.startsWith('`') || value.endsWith('`') ? ` ${value} ` : value;
  return `${fence}${padded.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}${fence}`;
}

function list(columns: string[]): string {
  return columns.map(code).join(', ');
}

/** Plain text with Markdown's special characters escaped. */
function text(value: string): string {
  return value.replace(/([\\`*_[\]<>|#])/g, '\\$1').replace(/\r?\n/g, ' ');
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
