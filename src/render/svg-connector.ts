/** One relation of the preview: its rounded orthogonal route and a crow's-foot glyph at each end. */
import type { Point } from '../model/layout.js';
import type { SceneConnector } from '../model/scene.js';
import { arrivalDirection, endGlyph, inwardDirection, type Glyph } from './crows-foot.js';
import { routePathData } from './route-path.js';
import { THEME } from './svg-theme.js';
import { escapeXml as e, formatNumber as n } from './xml.js';

const STROKE_WIDTH = 1.5;

export function connectorSvg(connector: SceneConnector): string {
  const route = connector.route;
  const start = endGlyph(
    connector.startMarker,
    route[0] ?? { x: 0, y: 0 },
    arrivalDirection([...route].reverse(), inwardDirection(connector.fromAttach)),
  );
  const end = endGlyph(
    connector.endMarker,
    route[route.length - 1] ?? { x: 0, y: 0 },
    arrivalDirection(route, inwardDirection(connector.toAttach)),
  );
  const dashed = connector.style === 'dashed' ? ' stroke-dasharray="6 5"' : '';
  return [
    `<g class="s2m-connector" data-relation-id="${e(connector.id)}" data-from="${e(connector.from)}" data-to="${e(connector.to)}" ` +
      `data-start="${connector.startMarker}" data-end="${connector.endMarker}">`,
    `<path class="s2m-route" d="${routePathData(route)}" fill="none" stroke="${THEME.connector}" stroke-width="${STROKE_WIDTH}"${dashed}/>`,
    glyphSvg(start, 'start'),
    glyphSvg(end, 'end'),
    '</g>',
  ]
    .filter((part) => part !== '')
    .join('\n');
}

/** A crow's-foot glyph as SVG: its lines stroked, its circles filled with the canvas colour. */
export function glyphSvg(glyph: Glyph, end: 'start' | 'end'): string {
  if (glyph.lines.length === 0 && glyph.circles.length === 0) return '';
  const d = glyph.lines.map(polyline).join(' ');
  const parts = [
    `<path class="s2m-glyph" data-glyph="${end}" d="${d}" fill="none" stroke="${THEME.connectorEnd}" ` +
      `stroke-width="${STROKE_WIDTH}" stroke-linecap="round" stroke-linejoin="round"/>`,
  ];
  for (const circle of glyph.circles) {
    parts.push(
      `<circle cx="${n(circle.center.x)}" cy="${n(circle.center.y)}" r="${n(circle.radius)}" fill="${THEME.canvas}" ` +
        `stroke="${THEME.connectorEnd}" stroke-width="${STROKE_WIDTH}"/>`,
    );
  }
  return parts.join('');
}

function polyline(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${n(p.x)} ${n(p.y)}`).join(' ');
}
