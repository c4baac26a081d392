/**
 * The Graphviz `dot` baseline, laid out the way tbls and SchemaSpy do it: one HTML-table node per table with
 * a port per column row, same box sizes as ours (measure.ts), rankdir LR, spline edges between row ports.
 * Positions and routes are read back from `dot -Tjson` into the shapes the metrics take.
 */
import { spawnSync } from 'node:child_process';
import type { Diagram } from '../../src/model/diagram.js';
import type { Box, Point } from '../../src/model/layout.js';
import { HEADER_HEIGHT, PADDING_BOTTOM, ROW_HEIGHT, measureTable, tableHeaderText } from '../../src/layout/measure.js';

export interface GraphvizLayout {
  boxes: Box[];
  /** Each edge as a polyline sampled from dot's B-spline. */
  routes: Point[][];
  /** First and last point of each edge: where dot attaches it. */
  straight: Point[][];
  width: number;
  height: number;
  milliseconds: number;
}

function quote(text: string): string {
  return `"${text.replace(/["\\]/g, '\\$&')}"`;
}

export function diagramToDot(diagram: Diagram): string {
  const lines = [
    'digraph erd {',
    '  graph [rankdir=LR, splines=true, nodesep=0.5, ranksep=1.2];',
    '  node [shape=plaintext, margin=0, fontsize=1];',
    '  edge [dir=none, arrowhead=none, arrowtail=none];',
  ];
  for (const table of diagram.tables) {
    const { width } = measureTable(table, tableHeaderText(table, diagram.schemas.length));
    const cells = [`<TR><TD PORT="h" FIXEDSIZE="TRUE" WIDTH="${width}" HEIGHT="${HEADER_HEIGHT}"></TD></TR>`];
    table.rows.forEach((_, i) => cells.push(`<TR><TD PORT="r${i}" FIXEDSIZE="TRUE" WIDTH="${width}" HEIGHT="${ROW_HEIGHT}"></TD></TR>`));
    cells.push(`<TR><TD FIXEDSIZE="TRUE" WIDTH="${width}" HEIGHT="${PADDING_BOTTOM}"></TD></TR>`);
    lines.push(`  ${quote(table.id)} [label=<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">${cells.join('')}</TABLE>>];`);
  }
  for (const r of diagram.relations) {
    const fromPort = r.fromRow === null ? 'h' : `r${r.fromRow}`;
    const toPort = r.toRow === null ? 'h' : `r${r.toRow}`;
    lines.push(`  ${quote(r.from)}:${fromPort} -> ${quote(r.to)}:${toPort};`);
  }
  lines.push('}');
  return lines.join('\n');
}

interface DotJson {
  bb?: string;
  objects?: Array<{ name?: string; pos?: string; width?: string; height?: string }>;
  edges?: Array<{ pos?: string }>;
}

/** Runs dot; null when it is missing or exceeds the time limit. */
export function layoutWithDot(diagram: Diagram, timeoutMs: number): GraphvizLayout | 'missing' | 'timeout' {
  const input = diagramToDot(diagram);
  const started = performance.now();
  const result = spawnSync('dot', ['-Tjson'], { input, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 30 });
  const milliseconds = performance.now() - started;
  if (result.error && 'code' in result.error && result.error.code === 'ENOENT') return 'missing';
  if (result.signal !== null || result.error) return 'timeout';
  if (result.status !== 0) throw new Error(`dot failed: ${result.stderr.slice(0, 300)}`);
  const json = JSON.parse(result.stdout) as DotJson;
  const [, , , top] = (json.bb ?? '0,0,0,0').split(',').map(Number);
  const flip = (x: number, y: number): Point => ({ x, y: (top ?? 0) - y });
  const boxes: Box[] = (json.objects ?? []).map((o) => {
    const [cx, cy] = (o.pos ?? '0,0').split(',').map(Number);
    const width = Number(o.width ?? 0) * 72;
    const height = Number(o.height ?? 0) * 72;
    const center = flip(cx ?? 0, cy ?? 0);
    return { x: center.x - width / 2, y: center.y - height / 2, width, height };
  });
  const routes: Point[][] = [];
  const straight: Point[][] = [];
  for (const edge of json.edges ?? []) {
    const controls = (edge.pos ?? '')
      .split(' ')
      .filter((p) => p !== '' && !p.startsWith('s,') && !p.startsWith('e,'))
      .map((p) => {
        const [x, y] = p.split(',').map(Number);
        return flip(x ?? 0, y ?? 0);
      });
    const polyline = sampleBSpline(controls);
    routes.push(polyline);
    const first = polyline[0];
    const last = polyline[polyline.length - 1];
    if (first && last) straight.push([first, last]);
  }
  let maxX = 0;
  let maxY = 0;
  for (const b of boxes) {
    maxX = Math.max(maxX, b.x + b.width);
    maxY = Math.max(maxY, b.y + b.height);
  }
  return { boxes, routes, straight, width: maxX, height: maxY, milliseconds };
}

/** dot's edge `pos` is a piecewise cubic Bézier (1 + 3n points); sampled at 8 steps per piece. */
function sampleBSpline(points: Point[]): Point[] {
  const first = points[0];
  if (!first) return [];
  const out: Point[] = [first];
  for (let i = 0; i + 3 < points.length; i += 3) {
    const [p0, p1, p2, p3] = [points[i], points[i + 1], points[i + 2], points[i + 3]];
    if (!p0 || !p1 || !p2 || !p3) break;
    for (let s = 1; s <= 8; s++) {
      const t = s / 8;
      const u = 1 - t;
      out.push({
        x: u * u * u * p0.x + 3 * u * u * t * p1.x + 3 * u * t * t * p2.x + t * t * t * p3.x,
        y: u * u * u * p0.y + 3 * u * u * t * p1.y + 3 * u * t * t * p2.y + t * t * t * p3.y,
      });
    }
  }
  return out;
}
