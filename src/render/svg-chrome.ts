/** The parts of the preview around the tables: schema frames and the title block with its legend. */
import type { KeyMarker } from '../model/diagram.js';
import { END_MARKER_TEXT, KEY_MARKER_TEXT, SCENE_TEXT, type SceneFrame, type SceneText } from '../model/scene.js';
import type { EndCardinality } from '../model/diagram.js';
import { KEY_COLORS, THEME } from './svg-theme.js';
import { endGlyph } from './crows-foot.js';
import { glyphSvg } from './svg-connector.js';
import { textCells } from '../util/text-cells.js';
import { escapeXml as e, formatNumber as n } from './xml.js';

const {
  charWidth: CHAR_WIDTH,
  fontSize: FONT_SIZE,
  rowHeight: ROW_HEIGHT,
  titleFontSize: TITLE_FONT_SIZE,
  titleLineHeight: TITLE_LINE_HEIGHT,
} = SCENE_TEXT;

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
    if (index === title.endsLegendLine) {
      parts.push(endsLegendSvg(line, box.x, y, y - FONT_SIZE * THEME.baselineShift));
      return;
    }
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

/**
 * The relation-ends legend: the board's text line, with each end's text token left blank and the glyph the
 * preview's connectors use drawn in its place, in the same cells.
 */
function endsLegendSvg(line: string, x: number, baseline: number, middle: number): string {
  let text = line;
  const glyphs: string[] = [];
  for (const [marker, token] of Object.entries(END_MARKER_TEXT) as [EndCardinality, string][]) {
    const at = text.indexOf(token);
    if (at < 0) continue;
    text = text.slice(0, at) + ' '.repeat(token.length) + text.slice(at + token.length);
    const left = x + textCells(line.slice(0, at)) * CHAR_WIDTH;
    const tip = { x: left + textCells(token) * CHAR_WIDTH, y: middle };
    glyphs.push(
      `<g class="s2m-legend-end" data-end="${marker}"><path d="M${n(left)} ${n(middle)} L${n(tip.x)} ${n(middle)}" ` +
        `stroke="${THEME.connector}" stroke-width="1.5"/>${glyphSvg(endGlyph(marker, tip, { x: 1, y: 0 }), 'end')}</g>`,
    );
  }
  return [`<text x="${n(x)}" y="${n(baseline)}" fill="${THEME.subtitleText}">${e(text)}</text>`, ...glyphs].join('\n');
}
