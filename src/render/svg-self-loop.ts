/** A self-reference in the preview: the same loop through a small circle that the board draws (`SceneConnector.loop`). */
import type { Box, Point } from '../model/layout.js';
import type { SceneConnector, SceneLoop } from '../model/scene.js';
import { endGlyph } from './crows-foot.js';
import { routePathData } from './route-path.js';
import { glyphSvg } from './svg-connector.js';
import { THEME } from './svg-theme.js';
import { escapeXml as e, formatNumber as n } from './xml.js';

const STROKE_WIDTH = 1.5;

export function selfLoopSvg(connector: SceneConnector, loop: SceneLoop, tableBox: Box): string {
  const r = loop.box.width / 2;
  const centre: Point = { x: loop.box.x + r, y: loop.box.y + r };
  const on = (box: Box, at: Point): Point => ({ x: box.x + at.x * box.width, y: box.y + at.y * box.height });
  const fromPoint = on(tableBox, connector.fromAttach);
  const toPoint = on(tableBox, connector.toAttach);
  const inward = loop.outAttach.x === 0 ? -1 : 1;
  const out = [fromPoint, on(loop.box, loop.outAttach)];
  const back = [on(loop.box, loop.backAttach), { x: centre.x, y: toPoint.y }, toPoint];
  const start = endGlyph(connector.startMarker, fromPoint, { x: inward, y: 0 });
  const end = endGlyph(connector.endMarker, toPoint, { x: inward, y: 0 });
  return [
    `<g class="s2m-connector s2m-self-loop" data-relation-id="${e(connector.id)}" data-from="${e(connector.from)}" data-to="${e(connector.to)}" ` +
      `data-start="${connector.startMarker}" data-end="${connector.endMarker}">`,
    `<path class="s2m-route" d="${routePathData(out)} ${routePathData(back)}" fill="none" stroke="${THEME.connector}" stroke-width="${STROKE_WIDTH}"/>`,
    `<circle class="s2m-loop" cx="${n(centre.x)}" cy="${n(centre.y)}" r="${n(r)}" fill="${THEME.canvas}" stroke="${THEME.connector}" stroke-width="${STROKE_WIDTH}"/>`,
    glyphSvg(start, 'start'),
    glyphSvg(end, 'end'),
    '</g>',
  ]
    .filter((part) => part !== '')
    .join('\n');
}
