/**
 * Drawing units: the parts of a diagram that are laid out on their own and drawn in one frame each. A
 * schema split into subject areas (src/graph/subject-areas.ts) gives one unit per area; another schema of a
 * multi-schema diagram gives one unit framed as the schema; a one-schema diagram without areas is a single
 * unframed unit, laid out as it always was.
 */
import type { Diagram } from '../../model/diagram.js';
import type { AreaFrame } from '../../model/layout.js';

export interface DrawingUnit {
  /** The frame's key: the area key, or the schema name for a schema frame ('' for the unframed diagram). */
  key: string;
  schema: string;
  area: AreaFrame | null;
  /** Table ids, sorted. */
  tables: string[];
  framed: boolean;
}

export function drawingUnits(diagram: Diagram, schemaNames: readonly string[]): DrawingUnit[] {
  const areas = diagram.areas ?? [];
  const inArea = new Set(areas.flatMap((a) => a.tables));
  const units: DrawingUnit[] = [];
  const framed = schemaNames.length > 1 || areas.length > 0;
  for (const schema of schemaNames) {
    for (const area of areas.filter((a) => a.schema === schema)) {
      units.push({ key: area.key, schema, area: { key: area.key, title: area.title }, tables: [...area.tables], framed: true });
    }
    const rest = diagram.tables.filter((t) => t.schema === schema && !inArea.has(t.id)).map((t) => t.id);
    if (rest.length > 0) units.push({ key: framed ? schema : '', schema, area: null, tables: rest, framed });
  }
  if (!framed) return [{ key: '', schema: schemaNames[0] ?? '', area: null, tables: diagram.tables.map((t) => t.id), framed: false }];
  return units;
}
