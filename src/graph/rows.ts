/**
 * The rows a table box shows: its columns with key markers, cut down by `--columns keys` and
 * `--max-columns` (then ending with an overflow row).
 */
import type { DiagramRow, KeyMarker } from '../model/diagram.js';
import type { Column, Table } from '../model/schema.js';

export interface TableRows {
  rows: DiagramRow[];
  hiddenColumns: number;
}

export function keyMarkers(table: Table): Map<string, KeyMarker> {
  const primary = new Set(table.primaryKey?.columns ?? []);
  const foreign = new Set(table.foreignKeys.flatMap((fk) => fk.columns));
  const unique = new Set(table.uniqueKeys.flatMap((u) => u.columns));
  const markers = new Map<string, KeyMarker>();
  for (const column of table.columns) {
    const isPrimary = primary.has(column.name);
    const isForeign = foreign.has(column.name);
    markers.set(
      column.name,
      isPrimary && isForeign ? 'pk_fk' : isPrimary ? 'pk' : isForeign ? 'fk' : unique.has(column.name) ? 'unique' : null,
    );
  }
  return markers;
}

/** Lower sorts first when `--max-columns` must choose: keys and columns that relations attach to stay visible. */
function keepPriority(marker: KeyMarker, relationEnd: boolean): number {
  if (relationEnd) return 0;
  switch (marker) {
    case 'pk':
    case 'pk_fk':
    case 'fk':
      return 0;
    case 'unique':
      return 1;
    default:
      return 2;
  }
}

/**
 * `relationColumns`: the columns drawn relations end at. Besides the keys, a relation no constraint backs
 * (declared, inferred) ends at a plain column, which must stay drawn for its connector to have a row.
 */
export function tableRows(
  table: Table,
  columns: 'all' | 'keys',
  maxColumns: number | undefined,
  relationColumns: ReadonlySet<string> = new Set(),
): TableRows {
  const markers = keyMarkers(table);
  const isKey = (c: Column): boolean => markers.get(c.name) != null || relationColumns.has(c.name);
  let shown: Column[] = columns === 'keys' ? table.columns.filter(isKey) : [...table.columns];
  let overflow = 0;
  if (maxColumns !== undefined && shown.length > maxColumns) {
    const priority = (c: Column): number => keepPriority(markers.get(c.name) ?? null, relationColumns.has(c.name));
    const chosen = [...shown]
      .sort((a, b) => priority(a) - priority(b) || a.ordinal - b.ordinal)
      .slice(0, maxColumns);
    overflow = shown.length - chosen.length;
    shown = chosen.sort((a, b) => a.ordinal - b.ordinal);
  }
  const rows: DiagramRow[] = shown.map((c) => ({
    column: c.name,
    label: c.name,
    type: c.type,
    nullable: c.nullable,
    key: markers.get(c.name) ?? null,
    ...(c.comment !== null && c.comment.trim() !== '' ? { comment: c.comment } : {}),
  }));
  const hiddenColumns = table.columns.length - shown.length;
  if (overflow > 0) {
    // The overflow row counts every column not drawn, including those `--columns keys` left out.
    rows.push({ column: null, label: `… ${hiddenColumns} more`, type: '', nullable: false, key: null });
  }
  const comment = commentLine(table.comment);
  if (comment !== null) rows.unshift({ column: null, label: comment, type: '', nullable: false, key: null, tableComment: true });
  return { rows, hiddenColumns };
}

/** The first line of a table's comment, as the row under its header shows it (cut to the box later). */
function commentLine(comment: string | null): string | null {
  const first = comment?.split(/\r?\n/).find((line) => line.trim() !== '')?.trim();
  if (first === undefined) return null;
  // More lines follow: the line says so.
  return comment!.trim().includes('\n') ? `${first} …` : first;
}
