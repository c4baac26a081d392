/**
 * Reference boxes: a hub table (Diagram.hubs) is drawn once, in its own unit; each other unit with
 * relations to it gets a small box standing for it ("→ see <area>"), and those relations end there, so a
 * hub's hundred relations become short lines inside each frame instead of a bundle across the board. On a
 * board of subject areas, every table referenced from another area is shown that way in that area.
 */
import type { Diagram, DiagramRelation, DiagramRow } from '../../model/diagram.js';
import type { TableText } from '../../model/layout.js';
import { referenceBoxId as referenceId } from '../../model/layout.js';
import { measureTable, tableHeaderText, tableText } from '../measure.js';
import type { DrawingUnit } from '../frames/units.js';

/** One attach point takes up to this many relation ends; a reference box has a row per this many. */
export const ENDS_PER_POINT = 4;

export interface ReferenceSpec {
  id: string;
  table: string;
  unit: string;
  targetUnit: string;
  targetTitle: string;
  header: string;
  rows: DiagramRow[];
  text: TableText;
  width: number;
  height: number;
}

export interface References {
  specs: ReferenceSpec[];
  /** Relation id -> the reference box its referenced end attaches to. */
  retarget: Map<string, string>;
}

export { isReferenceBoxId as isReference, referenceBoxId as referenceId } from '../../model/layout.js';

/** A unit's title as a reference box names it. */
export function unitTitle(unit: DrawingUnit): string {
  return unit.area ? unit.area.title : unit.schema;
}

export function referenceBoxes(diagram: Diagram, units: readonly DrawingUnit[]): References {
  const retarget = new Map<string, string>();
  const specs: ReferenceSpec[] = [];
  if (units.length < 2) return { specs, retarget };
  const unitOf = new Map<string, DrawingUnit>();
  for (const u of units) for (const id of u.tables) unitOf.set(id, u);
  const tables = new Map(diagram.tables.map((t) => [t.id, t]));
  const schemaCount = new Set(diagram.tables.map((t) => t.schema)).size;
  const incoming = new Map<string, DiagramRelation[]>();
  const hubs = new Set(diagram.hubs ?? []);
  // With subject areas every relation that leaves its area ends at a reference box: Miro draws a
  // connector straight through whatever lies between two frames, and across a board of areas that is
  // always something. Without areas only the hubs' relations do.
  const everyTable = units.some((u) => u.area !== null);
  for (const r of diagram.relations) {
    if (r.from === r.to || !(everyTable || hubs.has(r.to))) continue;
    const home = unitOf.get(r.to);
    const unit = unitOf.get(r.from);
    if (!home || !unit || home === unit) continue;
    const id = referenceId(unit.key, r.to);
    retarget.set(r.id, id);
    incoming.set(id, [...(incoming.get(id) ?? []), r]);
  }
  for (const [id, relations] of [...incoming.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const first = relations[0] as DiagramRelation;
    const table = tables.get(first.to);
    const unit = unitOf.get(first.from);
    const home = unitOf.get(first.to);
    if (!table || !unit || !home) continue;
    specs.push(referenceSpec({ id, table: table.id, unit: unit.key, targetUnit: home.key, targetTitle: unitTitle(home), header: tableHeaderText(table, schemaCount) }, relations.length));
  }
  return { specs, retarget };
}

/** What a reference box is before it is sized: which table it stands for, where, and its header. */
export type ReferenceIdentity = Pick<ReferenceSpec, 'id' | 'table' | 'unit' | 'targetUnit' | 'targetTitle' | 'header'>;

/**
 * A reference box sized for `ends` relation ends: "→ see <area>", then enough empty rows to take them all
 * on one side, ENDS_PER_POINT per row.
 */
export function referenceSpec(identity: ReferenceIdentity, ends: number): ReferenceSpec {
  const slots = Math.max(1, Math.ceil(ends / ENDS_PER_POINT));
  const rows: DiagramRow[] = [{ column: null, label: `→ see ${identity.targetTitle}`, type: '', nullable: false, key: null }];
  for (let i = 1; i < slots; i++) rows.push({ column: null, label: '', type: '', nullable: false, key: null });
  // The width comes from the header and the label only, so a box resized for more ends keeps its width.
  const size = measureTable({ name: identity.header, rows }, identity.header);
  return { ...identity, rows, text: tableText({ rows }, identity.header, size), width: size.width, height: size.height };
}

/** The relation as the unit's layout sees it: ending at its reference box, at the box's first row. */
export function retargeted(relation: DiagramRelation, references: References): DiagramRelation {
  const to = references.retarget.get(relation.id);
  return to === undefined ? relation : { ...relation, to, toRow: 0 };
}
