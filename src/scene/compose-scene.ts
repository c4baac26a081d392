/**
 * Named diagrams (config `diagrams`) on the board next to the whole schema: each subset, laid out on its
 * own, is moved to the right of what is already placed and wrapped in one frame titled with its name.
 *
 * A table may appear in the whole schema and in several diagrams; each copy is its own item. The sync
 * tells items apart by the id in their signature, so a copy's id (and its relations' ids and ends) carry
 * the diagram: `diagram:Orders/public.orders`. Pure and deterministic.
 */
import type { Box } from '../model/layout.js';
import type { BoardScene, SceneConnector, SceneEnumLegend, SceneFrame, SceneTable } from '../model/scene.js';
import { diagramFrameKey, idInDiagram } from '../model/scene.js';
import { compareStrings } from '../util/compare.js';

export interface NamedScene {
  name: string;
  scene: BoardScene;
}

/** Space between the whole schema and the first diagram, and between two diagrams. */
const DIAGRAM_GAP = 400;
/** Room inside a diagram's frame around its tables (and for routes that run outside the boxes). */
const FRAME_PADDING = 60;
export function composeScenes(main: BoardScene, named: readonly NamedScene[]): BoardScene {
  if (named.length === 0) return main;
  const frames: SceneFrame[] = [...main.frames];
  const tables: SceneTable[] = [...main.tables];
  const connectors: SceneConnector[] = [...main.connectors];
  const enumLegends: SceneEnumLegend[] = [...main.enumLegends];
  let right = main.bounds.x + main.bounds.width;
  const top = main.bounds.y;
  for (const { name, scene } of named) {
    const content = contentBox(scene);
    const frameBox: Box = {
      x: right + DIAGRAM_GAP,
      y: top,
      width: content.width + 2 * FRAME_PADDING,
      height: content.height + 2 * FRAME_PADDING,
    };
    const dx = frameBox.x + FRAME_PADDING - content.x;
    const dy = frameBox.y + FRAME_PADDING - content.y;
    const key = diagramFrameKey(name);
    const colors = scene.tables[0]?.colors ?? main.tables[0]?.colors ?? scene.frames[0]?.colors;
    if (colors === undefined) continue; // an empty diagram (its filters matched nothing) draws nothing
    frames.push({ schema: key, box: frameBox, title: name, colors, diagram: name });
    for (const table of scene.tables) {
      tables.push({ ...table, id: idInDiagram(name, table.id), box: shift(table.box, dx, dy), diagram: name, frame: key });
    }
    for (const connector of scene.connectors) {
      connectors.push({
        ...connector,
        id: idInDiagram(name, connector.id),
        from: idInDiagram(name, connector.from),
        to: idInDiagram(name, connector.to),
        route: connector.route.map((p) => ({ x: p.x + dx, y: p.y + dy })),
        ...(connector.loop ? { loop: { ...connector.loop, box: shift(connector.loop.box, dx, dy) } } : {}),
      });
    }
    // The diagram's legends (one per schema it shows) go into its frame with its tables.
    for (const legend of scene.enumLegends) {
      enumLegends.push({ ...legend, id: idInDiagram(name, legend.id), frame: key, box: shift(legend.box, dx, dy) });
    }
    right = frameBox.x + frameBox.width;
  }
  const bounds = union([main.bounds, ...frames.map((f) => f.box)]);
  return {
    bounds,
    title: main.title,
    frames: frames.sort((a, b) => compareStrings(a.schema, b.schema)),
    tables: tables.sort((a, b) => compareStrings(a.id, b.id)),
    connectors: connectors.sort((a, b) => compareStrings(a.id, b.id)),
    enumLegends: enumLegends.sort((a, b) => compareStrings(a.id, b.id)),
  };
}

/** A diagram's tables and routes, without its own title (the frame's title names it). */
function contentBox(scene: BoardScene): Box {
  const boxes: Box[] = [...scene.tables.map((t) => t.box), ...scene.frames.map((f) => f.box), ...scene.enumLegends.map((l) => l.box)];
  for (const c of scene.connectors) for (const p of c.route) boxes.push({ x: p.x, y: p.y, width: 0, height: 0 });
  return boxes.length === 0 ? { x: 0, y: 0, width: 0, height: 0 } : union(boxes);
}

function shift(box: Box, dx: number, dy: number): Box {
  return { x: box.x + dx, y: box.y + dy, width: box.width, height: box.height };
}

function union(boxes: readonly Box[]): Box {
  const minX = Math.min(...boxes.map((b) => b.x));
  const minY = Math.min(...boxes.map((b) => b.y));
  const maxX = Math.max(...boxes.map((b) => b.x + b.width));
  const maxY = Math.max(...boxes.map((b) => b.y + b.height));
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}
