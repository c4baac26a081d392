/**
 * Layout benchmark: `npm run bench:layout`.
 *
 * Lays out the real schemas in ../shared/schemas and synthetic schemas of 100, 500 and 1,000 tables with
 * our ELK-based layout and with Graphviz `dot` (HTML-table nodes with a port per column row, as tbls and
 * SchemaSpy draw them; same box sizes), and prints for both: time, canvas area, aspect ratio, edge
 * crossings (on the routes, and on straight lines between attach points, which is how Miro draws a
 * connector) and edges passing through table boxes. Then checks the targets: on every real schema fewer
 * crossings than dot (both counts), no route through a box, aspect ratio between 1:2 and 5:2; 500 tables
 * under 3 s.
 *
 * Options: `--only <label>` (repeatable), `--no-dot`, `--dot-timeout <seconds>` (default 300).
 */
import type { Diagram } from '../src/model/diagram.js';
import type { Box, Layout, Point } from '../src/model/layout.js';
import { boundingBox } from '../src/model/layout.js';
import { buildDiagram } from '../src/graph/index.js';
import {
  aspectRatio,
  countCrossings,
  countPolylineBoxOverlaps,
  countRouteCrossings,
  countStraightCrossings,
  edgeBoxOverlaps,
  layoutDiagram,
  straightBoxOverlaps,
} from '../src/layout/index.js';
import { layoutWithDot } from './layout/graphviz.js';
import { realSchemas, syntheticSchemas, type NamedSchema } from './layout/schemas.js';

interface Row {
  label: string;
  engine: 'elk' | 'dot';
  tables: number;
  relations: number;
  ms: number;
  width: number;
  height: number;
  routeCrossings: number;
  straightCrossings: number;
  routeBoxHits: number;
  straightBoxHits: number;
}

const args = process.argv.slice(2);
const only = args.flatMap((a, i) => (a === '--only' && args[i + 1] ? [args[i + 1] as string] : []));
const withDot = !args.includes('--no-dot');
const dotTimeoutIndex = args.indexOf('--dot-timeout');
const dotTimeoutMs = 1000 * (dotTimeoutIndex >= 0 ? Number(args[dotTimeoutIndex + 1]) : 300);

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Content extent (boxes and routes) without the canvas margin, so both engines are measured alike. */
function extent(boxes: Box[], routes: Point[][]): { width: number; height: number } {
  const box = boundingBox(boxes, routes.flat());
  return box === null ? { width: 0, height: 0 } : { width: box.width, height: box.height };
}

async function measureElk(label: string, diagram: Diagram): Promise<{ row: Row; layout: Layout }> {
  const started = performance.now();
  const layout = await layoutDiagram(diagram);
  const ms = performance.now() - started;
  const size = extent(layout.tables, layout.relations.map((r) => r.points));
  return {
    layout,
    row: {
      label,
      engine: 'elk',
      tables: diagram.tables.length,
      relations: diagram.relations.length,
      ms,
      ...size,
      routeCrossings: countRouteCrossings(layout),
      straightCrossings: countStraightCrossings(layout),
      routeBoxHits: edgeBoxOverlaps(layout),
      straightBoxHits: straightBoxOverlaps(layout),
    },
  };
}

function measureDot(label: string, diagram: Diagram): Row | string {
  const result = layoutWithDot(diagram, dotTimeoutMs);
  if (result === 'missing') return 'dot not installed (apt-get install graphviz)';
  if (result === 'timeout') return `dot did not finish within ${dotTimeoutMs / 1000} s`;
  const size = extent(result.boxes, result.routes);
  return {
    label,
    engine: 'dot',
    tables: diagram.tables.length,
    relations: diagram.relations.length,
    ms: result.milliseconds,
    ...size,
    routeCrossings: countCrossings(result.routes),
    straightCrossings: countCrossings(result.straight),
    routeBoxHits: countPolylineBoxOverlaps(result.routes, result.boxes),
    straightBoxHits: countPolylineBoxOverlaps(result.straight, result.boxes),
  };
}

function formatRow(r: Row): string {
  const area = (r.width * r.height) / 1e6;
  const cells = [
    r.label.padEnd(15),
    r.engine.padEnd(4),
    String(r.tables).padStart(6),
    String(r.relations).padStart(6),
    `${(r.ms / 1000).toFixed(2)} s`.padStart(9),
    `${Math.round(r.width)}x${Math.round(r.height)}`.padStart(13),
    area.toFixed(1).padStart(8),
    (r.width / Math.max(1, r.height)).toFixed(2).padStart(6),
    String(r.routeCrossings).padStart(8),
    String(r.straightCrossings).padStart(8),
    String(r.routeBoxHits).padStart(7),
    String(r.straightBoxHits).padStart(7),
  ];
  return cells.join(' ');
}

const HEADER = [
  'schema'.padEnd(15),
  'eng'.padEnd(4),
  'tables'.padStart(6),
  'rels'.padStart(6),
  'time'.padStart(9),
  'canvas'.padStart(13),
  'area Mu²'.padStart(8),
  'aspect'.padStart(6),
  'x route'.padStart(8),
  'x strt'.padStart(8),
  'box/rt'.padStart(7),
  'box/st'.padStart(7),
].join(' ');

async function main(): Promise<void> {
  log('Loading schemas through source + introspect (embedded PostgreSQL)...');
  const real = await realSchemas(log);
  const synthetic = await syntheticSchemas();
  const all: Array<NamedSchema & { real: boolean }> = [
    ...real.map((s) => ({ ...s, real: true })),
    ...synthetic.map((s) => ({ ...s, real: false })),
  ].filter((s) => only.length === 0 || only.includes(s.label));

  log('');
  log(HEADER);
  const verdicts: string[] = [];
  for (const { label, schema, real: isReal } of all) {
    const diagram = buildDiagram(schema);
    const { row: elk, layout } = await measureElk(label, diagram);
    log(formatRow(elk));
    const dot = withDot ? measureDot(label, diagram) : 'skipped (--no-dot)';
    if (typeof dot === 'string') log(`${label.padEnd(15)} dot  ${dot}`);
    else log(formatRow(dot));

    const aspect = aspectRatio(layout);
    const problems: string[] = [];
    if (typeof dot !== 'string') {
      if (elk.routeCrossings >= dot.routeCrossings) problems.push(`route crossings ${elk.routeCrossings} >= dot ${dot.routeCrossings}`);
      if (elk.straightCrossings >= dot.straightCrossings && dot.straightCrossings > 0) {
        problems.push(`straight crossings ${elk.straightCrossings} >= dot ${dot.straightCrossings}`);
      }
    }
    if (elk.routeBoxHits > 0) problems.push(`${elk.routeBoxHits} routes through boxes`);
    if (aspect < 0.5 || aspect > 2.5) problems.push(`aspect ${aspect.toFixed(2)} outside 0.5..2.5`);
    if (label === 'synthetic-500' && elk.ms >= 3000) problems.push(`took ${(elk.ms / 1000).toFixed(2)} s (target < 3 s)`);
    const scope = isReal ? 'quality target' : 'figures';
    verdicts.push(`${label}: ${problems.length === 0 ? `meets the ${scope}` : problems.join('; ')}`);
  }
  log('');
  log('Columns: x route / x strt = edge crossings on routes / on straight lines between attach points;');
  log('box/rt / box/st = (edge, table box) pairs where the route / straight line passes through the box.');
  log('Canvas and area: content extent in board units (dot: points), margins excluded.');
  log('');
  for (const v of verdicts) log(v);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
