import { readFileSync } from 'node:fs';
import type { Diagram } from '../../src/model/diagram.js';
import { aspectRatio, countCrossings, countPolylineBoxOverlaps, countRouteCrossings, countStraightCrossings, edgeBoxOverlaps, layoutDiagram, straightBoxOverlaps } from '../../src/layout/index.js';
import { layoutWithDot } from './graphviz.js';
const labels = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const dot = process.argv.includes('--dot');
for (const label of labels) {
  const diagram = JSON.parse(readFileSync(`/tmp/diagrams/${label}.json`, 'utf8')) as Diagram;
  const t = performance.now();
  const layout = await layoutDiagram(diagram);
  const ms = performance.now() - t;
  console.log(label.padEnd(15), 'elk', (ms / 1000).toFixed(2) + 's', `${layout.width}x${layout.height}`, aspectRatio(layout).toFixed(2), 'xr', countRouteCrossings(layout), 'xs', countStraightCrossings(layout), 'bR', edgeBoxOverlaps(layout), 'bS', straightBoxOverlaps(layout));
  if (dot) {
    const r = layoutWithDot(diagram, 300000);
    if (typeof r !== 'string') console.log(label.padEnd(15), 'dot', 'xr', countCrossings(r.routes), 'xs', countCrossings(r.straight), 'bR', countPolylineBoxOverlaps(r.routes, r.boxes), 'bS', countPolylineBoxOverlaps(r.straight, r.boxes));
  }
}
