/**
 * The standalone SVG preview of a board scene. Every size and text position comes from the scene and
 * measure.ts, so the picture matches the board; output is byte-stable for the same scene.
 */
import { SCENE_TEXT, type BoardScene } from '../model/scene.js';
import { connectorSvg } from './svg-connector.js';
import { selfLoopSvg } from './svg-self-loop.js';
import { frameSvg, titleSvg } from './svg-chrome.js';
import { tableSvg } from './svg-table.js';
import { enumLegendSvg } from './svg-enum-legend.js';
import { FONT_STACK, THEME } from './svg-theme.js';
import { escapeXml as e, formatNumber as n } from './xml.js';

/** Empty space around the scene's bounds; also holds frame labels drawn above the top frames. */
export const SVG_MARGIN = 48;

export function renderSvg(scene: BoardScene): string {
  const { bounds } = scene;
  const x = bounds.x - SVG_MARGIN;
  const y = bounds.y - SVG_MARGIN;
  const width = bounds.width + 2 * SVG_MARGIN;
  const height = bounds.height + 2 * SVG_MARGIN;
  const label = scene.title.lines[0] ?? 'Entity-relationship diagram';
  const boxes = new Map(scene.tables.map((t) => [t.id, t.box]));
  const drawConnector = (c: BoardScene['connectors'][number]): string => {
    const box = boxes.get(c.from);
    return c.loop !== undefined && box !== undefined ? selfLoopSvg(c, c.loop, box) : connectorSvg(c);
  };
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="s2m-diagram" viewBox="${n(x)} ${n(y)} ${n(width)} ${n(height)}" ` +
      `width="${n(width)}" height="${n(height)}" font-family="${e(FONT_STACK)}" font-size="${SCENE_TEXT.fontSize}" ` +
      `xml:space="preserve" style="white-space:pre" role="img" aria-label="${e(label)}">`,
    `<title>${e(label)}</title>`,
    '<defs>',
    '<filter id="s2m-shadow" x="-10%" y="-10%" width="120%" height="130%" color-interpolation-filters="sRGB">' +
      '<feDropShadow dx="0" dy="2" stdDeviation="3.5" flood-color="#0f172a" flood-opacity="0.12"/></filter>',
    `<pattern id="s2m-dots" width="24" height="24" patternUnits="userSpaceOnUse">` +
      `<rect width="24" height="24" fill="${THEME.canvas}"/><circle cx="1.5" cy="1.5" r="1.1" fill="${THEME.canvasDot}"/></pattern>`,
    '</defs>',
    `<rect class="s2m-background" x="${n(x)}" y="${n(y)}" width="${n(width)}" height="${n(height)}" fill="url(#s2m-dots)"/>`,
    '<g class="s2m-viewport">',
    '<g class="s2m-frames">',
    ...scene.frames.map(frameSvg),
    '</g>',
    titleSvg(scene.title),
    '<g class="s2m-connectors">',
    ...scene.connectors.map(drawConnector),
    '</g>',
    '<g class="s2m-tables">',
    ...scene.tables.map(tableSvg),
    '</g>',
    '<g class="s2m-enum-legends">',
    ...scene.enumLegends.map(enumLegendSvg),
    '</g>',
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}
