/** An enum legend of the preview: a small card in its frame, the header bold, one line per enum type, as on the board. */
import { SCENE_TEXT, type SceneEnumLegend } from '../model/scene.js';
import { textCells } from '../util/text-cells.js';
import { textLength } from './svg-table.js';
import { THEME } from './svg-theme.js';
import { escapeXml as e, formatNumber as n } from './xml.js';

const { charWidth: CHAR_WIDTH, fontSize: FONT_SIZE, headerHeight: HEADER_HEIGHT, paddingX: PADDING_X, rowHeight: ROW_HEIGHT } = SCENE_TEXT;

export function enumLegendSvg(legend: SceneEnumLegend): string {
  const { box } = legend;
  const [header = '', ...rest] = legend.lines;
  const baseline = (middle: number): number => middle + FONT_SIZE * THEME.baselineShift;
  const parts = [
    `<g class="s2m-enum-legend" data-frame="${e(legend.frame)}" data-enums="${e(legend.enums.join(' '))}">`,
    `<rect x="${n(box.x)}" y="${n(box.y)}" width="${n(box.width)}" height="${n(box.height)}" rx="${THEME.tableRadius}" ` +
      `fill="${THEME.tableFill}" stroke="${e(legend.colors.border)}" stroke-width="1" stroke-dasharray="2 3"/>`,
    `<text class="s2m-legend-header" x="${n(box.x + PADDING_X)}" y="${n(baseline(box.y + HEADER_HEIGHT / 2))}" font-weight="700" ` +
      `fill="${e(legend.colors.header)}"${textLength(header)}>${e(header)}</text>`,
  ];
  rest.forEach((line, index) => {
    const y = n(baseline(box.y + HEADER_HEIGHT + index * ROW_HEIGHT + ROW_HEIGHT / 2));
    const colon = line.indexOf(': ');
    if (colon < 0) {
      parts.push(`<text class="s2m-legend-line" x="${n(box.x + PADDING_X)}" y="${y}" font-style="italic" fill="${THEME.overflowText}"${textLength(line)}>${e(line)}</text>`);
      return;
    }
    // The type's name like a column name, its values like column types; each pinned to its own cells.
    const name = line.slice(0, colon + 1);
    const values = line.slice(colon + 2);
    const valuesX = box.x + PADDING_X + textCells(line.slice(0, colon + 2)) * CHAR_WIDTH;
    parts.push(
      `<text class="s2m-legend-line" x="${n(box.x + PADDING_X)}" y="${y}" fill="${THEME.nameText}"${textLength(name)}>${e(name)}</text>` +
        `<text class="s2m-legend-values" x="${n(valuesX)}" y="${y}" fill="${THEME.typeText}"${textLength(values)}>${e(values)}</text>`,
    );
  });
  parts.push('</g>');
  return parts.join('\n');
}

