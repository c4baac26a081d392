/**
 * What "adding or dropping one table moves no table in any other area" means, checked: every area but the
 * changed table's has the same key and tables, the same frame box and the same table positions.
 */
import { expect } from 'vitest';
import type { Diagram } from '../../../src/model/diagram.js';
import type { Layout } from '../../../src/model/layout.js';
import { pendantForest } from '../../../src/graph/pendant-trees.js';

export interface Drawn {
  diagram: Diagram;
  layout: Layout;
}

/**
 * `changed` is in `after` (added) or in `before` (dropped). On that side, every area without it must be
 * on the other side as it was: same key and tables, same frame box, its tables at the same places. (The
 * changed table's own area may change in any way, split in two included.)
 */
export function expectOnlyItsAreaChanged(before: Drawn, after: Drawn, changed: string): void {
  const added = after.diagram.tables.some((t) => t.id === changed);
  const [withIt, other] = added ? [after, before] : [before, after];
  const describe = (d: Drawn, keys: ReadonlySet<string> | null): string[] => {
    const place = new Map(d.layout.tables.map((t) => [t.id, `${t.x},${t.y}`]));
    return (d.diagram.areas ?? [])
      .filter((a) => keys === null || keys.has(a.key))
      .map((a) => {
        const frame = d.layout.frames.find((f) => f.area?.key === a.key);
        return `${a.key} frame ${frame?.x},${frame?.y} ${frame?.width}x${frame?.height}: ${a.tables.map((id) => `${id}@${place.get(id)}`).join(' ')}`;
      });
  };
  const home = (withIt.diagram.areas ?? []).filter((a) => a.tables.includes(changed));
  expect(home, `${changed} is in one area`).toHaveLength(1);
  const kept = new Set((withIt.diagram.areas ?? []).filter((a) => !a.tables.includes(changed)).map((a) => a.key));
  const expected = describe(withIt, kept);
  const found = new Set(describe(other, null));
  expect(expected.filter((line) => !found.has(line))).toEqual([]);
}

/** The non-hub relation graph's 2-core and pendant trees, which subject areas are cut from. */
function forestOf(diagram: Diagram): ReturnType<typeof pendantForest> {
  const hubs = new Set(diagram.hubs ?? []);
  const ids = diagram.tables.map((t) => t.id).filter((id) => !hubs.has(id));
  return pendantForest(ids, diagram.relations.filter((r) => !hubs.has(r.from) && !hubs.has(r.to)).map((r) => [r.from, r.to] as const));
}

/** An ordinary table of the 2-core in an area of at least `minAreaTables`: a new table referencing it changes that area only. */
export function coreTableToExtend(diagram: Diagram, minAreaTables = 5): string | undefined {
  const core = new Set(forestOf(diagram).core);
  return (diagram.areas ?? []).filter((a) => a.tables.length >= minAreaTables).flatMap((a) => a.tables.filter((id) => core.has(id)))[0];
}

/**
 * A table nothing references that references one non-hub table (and any hubs), hanging from the 2-core:
 * a pendant table to drop (lago-api has none without a relation to a hub).
 */
export function pendantToDrop(diagram: Diagram, minAreaTables = 5): string | undefined {
  const hubs = new Set(diagram.hubs ?? []);
  const forest = forestOf(diagram);
  const core = new Set(forest.core);
  const referenced = new Set(diagram.relations.filter((r) => r.from !== r.to).map((r) => r.to));
  const pendants = diagram.tables
    .map((t) => t.id)
    .filter((id) => {
      const out = new Set(diagram.relations.filter((r) => r.from === id && r.to !== id && !hubs.has(r.to)).map((r) => r.to));
      const area = (diagram.areas ?? []).find((a) => a.tables.includes(id));
      return !hubs.has(id) && !referenced.has(id) && out.size === 1 && core.has(forest.anchorOf.get(id) ?? '') && (area?.tables.length ?? 0) >= minAreaTables;
    });
  // One that references no hub first: its relations to hubs would count towards where the hubs go.
  const toHub = (id: string): boolean => diagram.relations.some((r) => r.from === id && hubs.has(r.to));
  return pendants.find((id) => !toHub(id)) ?? pendants[0];
}
