/** The parts of the preview around the tables: schema frames and the title block with its legend. */
import type { KeyMarker } from '../model/diagram.js';
import { KEY_MARKER_TEXT, SCENE_TEXT, type SceneFrame, type SceneText } from '../model/scene.js';
import { KEY_COLORS, THEME } from './svg-theme.js';
import { escapeXml as e, formatNumber as n } from './xml.js';

const { fontSize: FONT_SIZE, rowHeight: ROW_HEIGHT, titleFontSize: TITLE_FONT_SIZE, titleLineHeight: TITLE_LINE_HEIGHT } = SCENE_TEXT;

/** A tinted, rounded frame with the schema's name above its top-left corner, as Miro shows frame titles. */
export function frameSvg(frame: SceneFrame): string {
  const { box, colors } = frame;
  return [
    `<g class="s2m-frame" data-schema="${e(frame.schema)}">`,
    `<rect x="${n(box.x)}" y="${n(box.y)}" width="${n(box.width)}" height="${n(box.height)}" rx="${THEME.frameRadius}" ` +
      `fill="${e(colors.header)}" fill-opacity="0.05" stroke="${e(colors.border)}" stroke-width="1.5"/>`,
    `<text x="${n(box.x + 4)}" y="${n(box.y - 10)}" font-size="${THEME.frameLabelSize}" font-weight="700" ` +
      `fill="${e(colors.header)}">${e(frame.title)}</text>`,
    '</g>',
  ].join('\n');
}

/** Heading, counts and legend; the legend's marker codes get the same badge colours as the rows. */
export function titleSvg(title: SceneText): string {
  const { box } = title;
  const parts = ['<g class="s2m-title">'];
  title.lines.forEach((line, index) => {
    if (index === 0) {
      const y = box.y + TITLE_LINE_HEIGHT / 2 + TITLE_FONT_SIZE * THEME.baselineShift;
      parts.push(
        `<text x="${n(box.x)}" y="${n(y)}" font-size="${TITLE_FONT_SIZE}" font-weight="700" fill="${THEME.titleText}">${e(line)}</text>`,
      );
      return;
    }
    const y = box.y + TITLE_LINE_HEIGHT + (index - 1) * ROW_HEIGHT + ROW_HEIGHT / 2 + FONT_SIZE * THEME.baselineShift;
    const body = index === title.legendLine ? legendSpans(line) : e(line);
    parts.push(`<text x="${n(box.x)}" y="${n(y)}" fill="${THEME.subtitleText}">${body}</text>`);
  });
  parts.push('</g>');
  return parts.join('\n');
}

function legendSpans(line: string): string {
  const markers = new Map<string, Exclude<KeyMarker, null>>(
    (Object.entries(KEY_MARKER_TEXT) as [Exclude<KeyMarker, null>, string][]).map(([key, text]) => [text, key]),
  );
  return line
    .split(/(\b[A-Z]{2}\b|\?)/)
    .map((token) => {
      const key = markers.get(token);
      if (key !== undefined) return `<tspan font-weight="700" fill="${KEY_COLORS[key].text}">${e(token)}</tspan>`;
      if (token === '?') return `<tspan font-weight="700" fill="${THEME.nullableText}">?</tspan>`;
      return e(token);
    })
    .join('');
}
