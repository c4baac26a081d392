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

export function expectOnlyItsAreaChanged(before: Drawn, after: Drawn, changed: string): void {
  const home = new Set([...(before.diagram.areas ?? []), ...(after.diagram.areas ?? [])].filter((a) => a.tables.includes(changed)).map((a) => a.key));
  expect(home.size, `${changed} is in one area`).toBe(1);
  const others = (d: Drawn): string[] => (d.diagram.areas ?? []).filter((a) => !home.has(a.key)).map((a) => `${a.key}: ${a.tables.join(' ')}`);
  expect(others(after)).toEqual(others(before));
  const frames = (d: Drawn): string[] =>
    d.layout.frames.filter((f) => !home.has(f.area?.key ?? '')).map((f) => `${f.area?.key ?? f.schema} ${f.x},${f.y} ${f.width}x${f.height}`);
  expect(frames(after)).toEqual(frames(before));
  const homeTables = new Set([...(before.diagram.areas ?? []), ...(after.diagram.areas ?? [])].filter((a) => home.has(a.key)).flatMap((a) => a.tables));
  const places = (d: Drawn): string[] => d.layout.tables.filter((t) => !homeTables.has(t.id)).map((t) => `${t.id} ${t.x},${t.y}`);
  expect(places(after)).toEqual(places(before));
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
 * a pendant table to drop.
 */
export function pendantToDrop(diagram: Diagram, minAreaTables = 5): string | undefined {
  const hubs = new Set(diagram.hubs ?? []);
  const forest = forestOf(diagram);
  const core = new Set(forest.core);
  const referenced = new Set(diagram.relations.filter((r) => r.from !== r.to).map((r) => r.to));
  return diagram.tables
    .map((t) => t.id)
    .find((id) => {
      const out = new Set(diagram.relations.filter((r) => r.from === id && r.to !== id && !hubs.has(r.to)).map((r) => r.to));
      const area = (diagram.areas ?? []).find((a) => a.tables.includes(id));
      return !hubs.has(id) && !referenced.has(id) && out.size === 1 && core.has(forest.anchorOf.get(id) ?? '') && (area?.tables.length ?? 0) >= minAreaTables;
    });
}
