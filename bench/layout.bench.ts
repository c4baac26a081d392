/**
 * Layout benchmark: `npm run bench:layout`.
 *
 * Lays out the real schemas in ../shared/schemas and synthetic schemas of 100, 500 and 1,000 tables with
 * our ELK-based layout and with Graphviz `dot` (HTML-table nodes with a port per column row, as tbls and
 * SchemaSpy draw them; same box sizes), and prints for both: time, canvas area, aspect ratio, edge
 * crossings (on the routes, and on straight lines between attach points, which is how Miro draws a
 * connector) and edges passing through table boxes. Then, for our layout, the board as Miro draws it
 * (metrics/board-metrics.ts: elbowed connectors between attach points, ignoring other items): connectors
 * through a table that is neither end, pairs of crossing connectors, most ends at one attach point, median
 * and 90th-percentile drawn length, and the zoom (and px height of 14-unit text) at which the largest
 * innermost frame fits 1920x1080. Then checks the targets of each schema: fewer crossings than dot (both
 * counts); through-table connectors 0 up to 150 tables, at most 1% above; at most 4 ends per attach point;
 * p90 length at most 2,500; aspect 0.5-2.5; text at least 10 px; 1,000 tables in at most 3 s.
 *
 * Options: `--only <label>` (repeatable), `--no-dot`, `--dot-timeout <seconds>` (default 300).
 */
import type { Diagram } from '../src/model/diagram.js';
import type { Box, Layout, Point } from '../src/model/layout.js';
import { boundingBox } from '../src/model/layout.js';
import { buildDiagram } from '../src/graph/index.js';
import type { BoardMetrics } from '../src/layout/index.js';
import {
  boardMetrics,
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
  board?: BoardMetrics;
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
      board: boardMetrics(layout),
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
  const b = r.board;
  if (b) {
    cells.push(
      `${b.throughTables}/${b.connectors}`.padStart(10),
      String(b.crossingPairs).padStart(7),
      String(b.maxEndsPerPoint).padStart(5),
      String(Math.round(b.medianLength)).padStart(6),
      String(Math.round(b.p90Length)).padStart(6),
      b.fitZoom.toFixed(3).padStart(6),
      b.textPx.toFixed(1).padStart(5),
    );
  }
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
  'thru/conn'.padStart(10),
  'x pairs'.padStart(7),
  'ends'.padStart(5),
  'median'.padStart(6),
  'p90'.padStart(6),
  'zoom'.padStart(6),
  'txtpx'.padStart(5),
].join(' ');

async function main(): Promise<void> {
  log('Loading schemas through source + introspect (embedded PostgreSQL)...');
  const wanted = (label: string): boolean => only.length === 0 || only.includes(label);
  const real = (await realSchemas(log)).filter((s) => wanted(s.label));
  const synthetic = await syntheticSchemas(wanted);
  const all: NamedSchema[] = [...real, ...synthetic];

  // elkjs is loaded by the first layout (lazily, for a quick start); load it before the clock runs, so that
  // the first row times the layout alone, as every other row does.
  const first = all[0];
  if (first !== undefined) await layoutDiagram(buildDiagram(first.schema));

  log('');
  log(HEADER);
  const verdicts: string[] = [];
  for (const { label, schema } of all) {
    const diagram = buildDiagram(schema);
    const { row: elk, layout } = await measureElk(label, diagram);
    log(formatRow(elk));
    const dot = withDot ? measureDot(label, diagram) : 'skipped (--no-dot)';
    if (typeof dot === 'string') log(`${label.padEnd(15)} dot  ${dot}`);
    else log(formatRow(dot));

    const board = elk.board;
    const problems: string[] = [];
    if (typeof dot !== 'string') {
      if (elk.routeCrossings >= dot.routeCrossings) problems.push(`route crossings ${elk.routeCrossings} >= dot ${dot.routeCrossings}`);
      if (elk.straightCrossings >= dot.straightCrossings && dot.straightCrossings > 0) {
        problems.push(`straight crossings ${elk.straightCrossings} >= dot ${dot.straightCrossings}`);
      }
    }
    if (elk.routeBoxHits > 0) problems.push(`${elk.routeBoxHits} routes through boxes`);
    if (board) {
      const allowed = elk.tables <= 150 ? 0 : Math.floor(board.connectors / 100);
      if (board.throughTables > allowed) problems.push(`${board.throughTables} connectors through a table (target <= ${allowed})`);
      if (board.maxEndsPerPoint > 4) problems.push(`${board.maxEndsPerPoint} ends at one attach point (target <= 4)`);
      if (board.p90Length > 2500) problems.push(`p90 length ${Math.round(board.p90Length)} (target <= 2,500)`);
      if (board.aspect < 0.5 || board.aspect > 2.5) problems.push(`aspect ${board.aspect.toFixed(2)} outside 0.5..2.5`);
      if (board.textPx < 10) problems.push(`text ${board.textPx.toFixed(1)} px at fit (target >= 10)`);
    }
    if (elk.tables >= 1000 && elk.ms > 3000) problems.push(`took ${(elk.ms / 1000).toFixed(2)} s (target <= 3 s)`);
    verdicts.push(`${label}: ${problems.length === 0 ? 'meets every target' : problems.join('; ')}`);
  }
  log('');
  log('Columns: x route / x strt = edge crossings on routes / on straight lines between attach points;');
  log('box/rt / box/st = (edge, table box) pairs where the route / straight line passes through the box.');
  log('Canvas and area: content extent in board units (dot: points), margins excluded.');
  log('Board as Miro draws it (elbowed, attach point to attach point): thru/conn = connectors through a table');
  log('that is neither end / connectors; x pairs = pairs of crossing connectors; ends = most relation ends at');
  log('one attach point; median / p90 = drawn length; zoom = zoom at which the largest innermost frame (or the');
  log('board) fits 1920x1080; txtpx = px height of 14-unit text at that zoom.');
  log('');
  for (const v of verdicts) log(v);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
