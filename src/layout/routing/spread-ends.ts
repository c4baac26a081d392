/**
 * No attach point takes more than ENDS_PER_POINT relation ends. Ends on the referencing side sit at their
 * foreign-key row and rarely share a point; ends on the referenced side all want the key row, so where
 * more than that meet, they are spread over the nearest rows of the same side, in the order of their
 * other ends' heights so that the spread lines do not cross each other.
 */
import type { DiagramRelation } from '../../model/diagram.js';
import type { Box, Point, Side } from '../../model/layout.js';
import { HEADER_HEIGHT, ROW_HEIGHT } from '../measure.js';
import { ENDS_PER_POINT } from '../placement/reference-boxes.js';
import { anchorPoint } from './anchors.js';
import type { SideChoice } from './side-flips.js';

export interface Anchors {
  from: Point;
  to: Point;
}

export function spreadAnchors(
  relations: readonly DiagramRelation[],
  sides: ReadonlyMap<string, SideChoice>,
  boxes: ReadonlyMap<string, Box>,
  rowCount: (item: string) => number,
): Map<string, Anchors> {
  const anchors = new Map<string, Anchors>();
  const used = new Map<string, number>();
  const key = (item: string, side: Side, y: number): string => `${item}|${side}|${Math.round(y * 100)}`;
  const add = (k: string, n: number): void => {
    used.set(k, (used.get(k) ?? 0) + n);
  };
  for (const r of relations) {
    const choice = sides.get(r.id);
    const fromBox = boxes.get(r.from);
    const toBox = boxes.get(r.to);
    if (!choice || !fromBox || !toBox) continue;
    const a = { from: anchorPoint(fromBox, choice.fromSide, r.fromRow), to: anchorPoint(toBox, choice.toSide, r.toRow) };
    anchors.set(r.id, a);
    add(key(r.from, choice.fromSide, a.from.y), 1);
    add(key(r.to, choice.toSide, a.to.y), 1);
  }
  // Ends on a top or bottom edge (no row there): spread evenly along it, in the order of their other ends.
  const alongEdge = new Map<string, DiagramRelation[]>();
  for (const r of relations) {
    const side = sides.get(r.id)?.toSide;
    if (side !== 'top' && side !== 'bottom') continue;
    const k = `${r.to}|${side}`;
    alongEdge.set(k, [...(alongEdge.get(k) ?? []), r]);
  }
  for (const members of alongEdge.values()) {
    const box = boxes.get((members[0] as DiagramRelation).to) as Box;
    const ordered = [...members].sort((p, q) => (anchors.get(p.id)?.from.x ?? 0) - (anchors.get(q.id)?.from.x ?? 0) || (p.id < q.id ? -1 : 1));
    ordered.forEach((r, i) => {
      const a = anchors.get(r.id) as Anchors;
      anchors.set(r.id, { from: a.from, to: { x: box.x + Math.round((box.width * (i + 1)) / (ordered.length + 1)), y: a.to.y } });
    });
  }
  // Referenced ends move; so do referencing ends at the header (a view's dependencies), which have no row.
  const crowds = new Map<string, Array<{ r: DiagramRelation; end: 'from' | 'to' }>>();
  for (const r of relations) {
    const choice = sides.get(r.id);
    const a = anchors.get(r.id);
    if (!choice || !a) continue;
    const k = key(r.to, choice.toSide, a.to.y);
    if (choice.toSide !== 'top' && choice.toSide !== 'bottom' && (used.get(k) ?? 0) > ENDS_PER_POINT) crowds.set(k, [...(crowds.get(k) ?? []), { r, end: 'to' }]);
    const f = key(r.from, choice.fromSide, a.from.y);
    if (r.fromRow === null && r.from !== r.to && (used.get(f) ?? 0) > ENDS_PER_POINT) crowds.set(f, [...(crowds.get(f) ?? []), { r, end: 'from' }]);
  }
  for (const [crowdKey, crowd] of [...crowds.entries()].sort((p, q) => (p[0] < q[0] ? -1 : 1))) {
    const { r: first, end } = crowd[0] as { r: DiagramRelation; end: 'from' | 'to' };
    const item = end === 'to' ? first.to : first.from;
    const side = end === 'to' ? (sides.get(first.id) as SideChoice).toSide : (sides.get(first.id) as SideChoice).fromSide;
    const box = boxes.get(item) as Box;
    const keyY = (anchors.get(first.id) as Anchors)[end].y;
    add(crowdKey, -crowd.length);
    const rows = Math.max(1, rowCount(item));
    // Row middles first, then row boundaries: every point is a distinct, readable place on the side.
    const offsets: number[] = [];
    for (let i = 0; i < rows; i++) offsets.push(HEADER_HEIGHT + i * ROW_HEIGHT + ROW_HEIGHT / 2);
    for (let i = 1; i < rows; i++) offsets.push(HEADER_HEIGHT + i * ROW_HEIGHT);
    const slots = offsets
      .map((offset) => {
        const y = box.y + offset;
        return { y, room: ENDS_PER_POINT - (used.get(key(item, side, y)) ?? 0), primary: offset % ROW_HEIGHT !== 0 };
      })
      .filter((s) => s.room > 0)
      .sort((p, q) => Number(q.primary) - Number(p.primary) || Math.abs(p.y - keyY) - Math.abs(q.y - keyY) || p.y - q.y);
    const chosen: typeof slots = [];
    let room = 0;
    for (const slot of slots) {
      if (room >= crowd.length) break;
      chosen.push(slot);
      room += slot.room;
    }
    if (chosen.length === 0) continue;
    chosen.sort((p, q) => p.y - q.y);
    const other = end === 'to' ? 'from' : 'to';
    const ordered = [...crowd].sort((p, q) => (anchors.get(p.r.id)?.[other].y ?? 0) - (anchors.get(q.r.id)?.[other].y ?? 0) || (p.r.id < q.r.id ? -1 : 1));
    // Evenly over the chosen points, never more than each one's room (unless there is no room left at all).
    const share = Math.ceil(ordered.length / chosen.length);
    let s = 0;
    let inSlot = 0;
    for (const { r } of ordered) {
      while (s < chosen.length - 1 && (inSlot >= share || inSlot >= (chosen[s]?.room ?? 0))) {
        s++;
        inSlot = 0;
      }
      const slot = chosen[s] as (typeof slots)[number];
      const a = anchors.get(r.id) as Anchors;
      anchors.set(r.id, end === 'to' ? { from: a.from, to: { x: a.to.x, y: slot.y } } : { from: { x: a.from.x, y: slot.y }, to: a.to });
      add(key(item, side, slot.y), 1);
      inSlot++;
    }
  }
  return anchors;
}
