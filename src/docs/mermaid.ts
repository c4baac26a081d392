/**
 * A Mermaid `erDiagram` of a diagram (`--out erd.mmd`, and the neighbourhood diagrams of `schema.md` and
 * `--summary`), in the board's crow's-foot notation: the referenced end is exactly one, or zero-or-one when
 * a referencing column is nullable; the referencing end is zero-or-many, or zero-or-one when its columns
 * are unique. Relations no constraint backs (and view reads) are Mermaid's dashed, non-identifying lines.
 */
import type { Diagram, DiagramRelation, DiagramRow, DiagramTable, EndCardinality } from '../model/diagram.js';

export interface MermaidOptions {
  /** Only these tables (ids) and the relations between them; default every table of the diagram. */
  tables?: ReadonlySet<string>;
  /** `all`: the diagram's rows; `keys`: key columns only; `none`: bare entities (neighbourhood sketches). */
  columns?: 'all' | 'keys' | 'none';
}

/** Marker of the referenced end, written left of the line. */
const REFERENCED: Record<EndCardinality, string> = { exactly_one: '||', zero_or_one: '|o', zero_or_many: '}o' };
/** Marker of the referencing end, written right of the line. */
const REFERENCING: Record<EndCardinality, string> = { exactly_one: '||', zero_or_one: 'o|', zero_or_many: 'o{' };

export function erDiagramMermaid(diagram: Diagram, options: MermaidOptions = {}): string {
  const wanted = options.tables;
  const tables = diagram.tables.filter((t) => wanted === undefined || wanted.has(t.id));
  const ids = new Set(tables.map((t) => t.id));
  const qualified = new Set(tables.map((t) => t.schema)).size > 1;
  const names = new Map(tables.map((t) => [t.id, entityName(qualified ? t.id : t.name)]));
  const lines = ['erDiagram'];
  for (const table of tables) lines.push(...entityLines(table, names.get(table.id)!, options.columns ?? 'all'));
  for (const relation of diagram.relations) {
    if (!ids.has(relation.from) || !ids.has(relation.to)) continue;
    lines.push(`  ${relationLine(relation, names.get(relation.to)!, names.get(relation.from)!)}`);
  }
  return `${lines.join('\n')}\n`;
}

function entityLines(table: DiagramTable, name: string, columns: 'all' | 'keys' | 'none'): string[] {
  const rows = columns === 'none' ? [] : table.rows.filter((r) => r.column !== null && (columns === 'all' || r.key !== null));
  if (rows.length === 0) return [`  ${name}`];
  return [`  ${name} {`, ...rows.map((row) => `    ${attributeLine(row)}`), '  }'];
}

function attributeLine(row: DiagramRow): string {
  const keys = { pk: 'PK', fk: 'FK', pk_fk: 'PK, FK', unique: 'UK' } as const;
  const key = row.key === null ? '' : ` ${keys[row.key]}`;
  return `${word(row.type === '' ? 'unknown' : row.type)} ${word(row.column ?? row.label)}${key}`;
}

function relationLine(relation: DiagramRelation, referenced: string, referencing: string): string {
  if (relation.kind === 'view_dependency') return `${referenced} ||..o{ ${referencing} : "read by"`;
  const line = relation.kind === 'foreign_key' ? '--' : '..';
  const label = relation.fromColumns.join(', ') + (relation.kind === 'foreign_key' ? '' : ` (${relation.kind}, not enforced)`);
  return `${referenced} ${REFERENCED[relation.toEnd]}${line}${REFERENCING[relation.fromEnd]} ${referencing} : "${label.replace(/["<>&#;]/g, '_')}"`;
}

/** Words Mermaid's ER grammar reads as keywords: a table so named is quoted. */
const KEYWORDS = new Set(['end', 'style', 'classdef', 'class', 'subgraph', 'direction', 'one', 'many', 'only', 'zero', 'to', 'optionally', 'u', 'erdiagram', 'acctitle', 'accdescr']);

/** An entity: bare when Mermaid reads it as one word, else quoted (a schema-qualified name has a dot). */
function entityName(name: string): string {
  const bare = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) && !KEYWORDS.has(name.toLowerCase());
  // Mermaid strips markup from names (a `<tag>` vanishes) and reads `#...;` as an entity code.
  return bare ? name : `"${name.replace(/["%\\<>&#;]/g, '_')}"`;
}

/** A type or column name as one Mermaid attribute word: spaces and other punctuation become `_`. */
function word(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_\-[\]().,\u00C0-\uFFFF]/g, '_');
  const started = /^[A-Za-z_\u00C0-\uFFFF]/.test(cleaned) ? cleaned : `_${cleaned}`;
  // A column called `pk` would read as the key marker.
  return /^(pk|fk|uk)$/i.test(started) ? `${started}_` : started;
}

/** The given tables and the tables one relation away, at most `limit` in all (the given ones first). */
export function neighbourhood(diagram: Diagram, centre: readonly string[], limit: number): { tables: Set<string>; omitted: number } {
  const tables = new Set(centre);
  const around = new Set<string>();
  for (const relation of diagram.relations) {
    if (tables.has(relation.from) && !tables.has(relation.to)) around.add(relation.to);
    if (tables.has(relation.to) && !tables.has(relation.from)) around.add(relation.from);
  }
  const room = Math.max(0, limit - tables.size);
  const kept = [...around].sort().slice(0, room);
  for (const id of kept) tables.add(id);
  return { tables, omitted: around.size - kept.length };
}
