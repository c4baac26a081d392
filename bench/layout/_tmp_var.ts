import { readFileSync } from 'node:fs';
import type { Diagram } from '../../src/model/diagram.js';
import { layoutLayered } from '../../src/layout/elk-layered.js';
import { measureTable, tableHeaderText } from '../../src/layout/measure.js';
import { countCrossings } from '../../src/layout/metrics.js';
const label = process.argv[2] ?? 'chinook';
const d = JSON.parse(readFileSync(`/tmp/diagrams/${label}.json`, 'utf8')) as Diagram;
const sizes = d.tables.map((t) => { const m = measureTable(t, tableHeaderText(t, 1)); return { id: t.id, width: m.width, height: m.height }; });
const variants: Record<string, string>[] = [
  {}, { 'org.eclipse.elk.layered.layering.strategy': 'LONGEST_PATH' }, { 'org.eclipse.elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX' },
  { 'org.eclipse.elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES' },
  { 'org.eclipse.elk.layered.considerModelOrder.strategy': 'PREFER_EDGES' },
  { 'org.eclipse.elk.layered.crossingMinimization.greedySwitch.type': 'OFF' },
  { 'org.eclipse.elk.layered.thoroughness': '50' },
  { 'org.eclipse.elk.layered.nodePlacement.strategy': 'LINEAR_SEGMENTS' },
  { 'org.eclipse.elk.layered.crossingMinimization.strategy': 'INTERACTIVE' },
];
for (let s = 2; s < 12; s++) variants.push({ 'org.eclipse.elk.randomSeed': String(s) });
for (const dir of ['right', 'left'] as const) for (const v of variants) {
  const p = await layoutLayered(sizes, d.relations, dir, v);
  const routes = [...p.routes.values()].map((r) => r.points);
  const straight = routes.map((r) => [r[0]!, r[r.length - 1]!]);
  console.log(dir, JSON.stringify(v), 'xr', countCrossings(routes), 'xs', countCrossings(straight), `${p.width}x${p.height}`);
}
