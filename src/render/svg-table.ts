/** One table box of the preview: shadowed card, schema-coloured header band, striped monospace rows. */
import type { DiagramRow } from '../model/diagram.js';
import type { Box } from '../model/layout.js';
import type { TableKind } from '../model/schema.js';
import {
  KEY_MARKER_TEXT,
  NULLABLE_MARK,
  SCENE_TEXT,
  changeMarkColor as markColor,
  headerCenterY,
  rowCenterY,
  type RowCells,
  type SceneTable,
} from '../model/scene.js';
import { textCells } from '../util/text-cells.js';
import { KEY_COLORS, THEME } from './svg-theme.js';
import { escapeXml as e, formatNumber as n } from './xml.js';

const { charWidth: CHAR_WIDTH, fontSize: FONT_SIZE, headerHeight: HEADER_HEIGHT, paddingX: PADDING_X, rowHeight: ROW_HEIGHT } = SCENE_TEXT;

const KIND_TAGS: Record<TableKind, string | null> = {
  table: null,
  partitioned_table: 'partitioned',
  foreign_table: 'foreign',
  view: 'view',
  materialized_view: 'mat. view',
};

export function tableSvg(table: SceneTable): string {
  const { box } = table;
  const offsets = table.cells.columns;
  const isView = table.kind === 'view' || table.kind === 'materialized_view';
  // A reference box: dashed like a view; a click in the preview goes to the table it stands for.
  const reference = table.reference ? ` data-reference-to="${e(table.reference.table)}" data-target-frame="${e(table.reference.targetFrame)}"` : '';
  const out: string[] = [];
  out.push(
    `<g class="s2m-table${table.reference ? ' s2m-reference' : ''}" data-table-id="${e(table.id)}" data-schema="${e(table.schema)}" data-kind="${table.kind}"${reference}>`,
    `<title>${e(tooltip(table))}</title>`,
  );
  if (table.mark !== null) out.push(markOutline(box, table.mark));
  out.push(
    `<rect x="${n(box.x)}" y="${n(box.y)}" width="${n(box.width)}" height="${n(box.height)}" rx="${THEME.tableRadius}" ` +
      `fill="${THEME.tableFill}" stroke="${e(table.colors.border)}" stroke-width="1"` +
      `${isView || table.reference ? ' stroke-dasharray="6 4"' : ''} filter="url(#s2m-shadow)"/>`,
    `<path d="${headerPath(box)}" fill="${e(table.colors.header)}"/>`,
    textElement({
      x: box.x + PADDING_X,
      middle: box.y + headerCenterY(),
      text: table.header,
      attributes: `class="s2m-header" font-weight="700" fill="${e(table.colors.headerText)}"`,
    }),
  );
  out.push(kindTag(table));
  table.rows.forEach((row, index) => {
    if (index % 2 === 1) {
      out.push(
        `<rect x="${n(box.x + 1)}" y="${n(box.y + HEADER_HEIGHT + index * ROW_HEIGHT)}" width="${n(box.width - 2)}" ` +
          `height="${ROW_HEIGHT}" fill="${THEME.stripeFill}"/>`,
      );
    }
  });
  table.rows.forEach((row, index) => {
    out.push(rowSvg(row, index, box, table.cells.rows[index]!, offsets));
  });
  if (table.mark !== null) out.push(markBadge(box, table.mark));
  out.push('</g>');
  return out.filter((part) => part !== '').join('\n');
}

function rowSvg(
  row: DiagramRow,
  index: number,
  box: Box,
  cells: RowCells,
  offsets: { marker: number; name: number; type: number },
): string {
  const middle = box.y + rowCenterY(index);
  if (row.tableComment) {
    // The table's comment: one italic line under the header, the whole comment on hover.
    return (
      `<g class="s2m-row s2m-comment" data-row="${index}">` +
      textElement({ x: box.x + offsets.marker, middle, text: cells.name, full: row.label, attributes: `class="s2m-name" font-style="italic" fill="${THEME.typeText}"` }) +
      '</g>'
    );
  }
  const columnAttribute = row.column === null ? ' data-overflow="true"' : ` data-column="${e(row.column)}"`;
  // A column's comment shows on hover over its row.
  const comment = row.comment === undefined ? '' : `<title>${e(`${row.label}: ${row.comment}`)}</title>`;
  const parts = [`<g class="s2m-row" data-row="${index}"${columnAttribute}>${comment}`];
  if (row.key !== null) {
    const colors = KEY_COLORS[row.key];
    const left = box.x + offsets.marker - 2;
    const width = 2 * CHAR_WIDTH + 4;
    parts.push(
      `<rect x="${n(left)}" y="${n(middle - 7.5)}" width="${n(width)}" height="15" rx="4" fill="${colors.fill}"/>`,
      `<text x="${n(left + width / 2)}" y="${n(middle + THEME.badgeFontSize * THEME.baselineShift)}" ` +
        `text-anchor="middle" font-size="${THEME.badgeFontSize}" font-weight="700" fill="${colors.text}">` +
        `${KEY_MARKER_TEXT[row.key]}</text>`,
    );
  }
  // The overflow row ("… 37 more") has a name cell only, in italics.
  const overflow = row.column === null;
  const primary = row.key === 'pk' || row.key === 'pk_fk';
  const nameStyle = overflow
    ? `font-style="italic" fill="${THEME.overflowText}"`
    : `fill="${THEME.nameText}"${primary ? ' font-weight="600"' : ''}`;
  parts.push(
    textElement({
      x: box.x + offsets.name,
      middle,
      text: cells.name,
      full: row.comment === undefined ? row.label : `${row.label}: ${row.comment}`,
      attributes: `class="s2m-name" ${nameStyle}`,
    }),
  );
  if (!overflow) parts.push(typeElement(row, cells.type, box.x + offsets.type, middle));
  parts.push('</g>');
  return parts.join('');
}

/** The type cell, with the nullable mark in its own colour so optional columns stand out. */
function typeElement(row: DiagramRow, text: string, x: number, middle: number): string {
  if (text === '') return '';
  const full = row.nullable ? `${row.type}${NULLABLE_MARK}` : row.type;
  const nullableTail = row.nullable && text.endsWith(NULLABLE_MARK);
  const body = nullableTail
    ? `${e(text.slice(0, -NULLABLE_MARK.length))}<tspan fill="${THEME.nullableText}" font-weight="700">${NULLABLE_MARK}</tspan>`
    : e(text);
  const title = text === full ? '' : `<title>${e(full)}</title>`;
  return (
    `<text class="s2m-type" x="${n(x)}" y="${n(baseline(middle))}" fill="${THEME.typeText}"${textLength(text)}>` +
    `${title}${body}</text>`
  );
}

function textElement(spec: { x: number; middle: number; text: string; full?: string; attributes: string }): string {
  const title = spec.full !== undefined && spec.full !== spec.text ? `<title>${e(spec.full)}</title>` : '';
  return (
    `<text ${spec.attributes} x="${n(spec.x)}" y="${n(baseline(spec.middle))}"${textLength(spec.text)}>` +
    `${title}${e(spec.text)}</text>`
  );
}

/**
 * Pins text to the width its cells take, so a viewer whose fallback font is wider or narrower than
 * 0.6 em still keeps every name inside its box and every type in its column.
 */
export function textLength(text: string): string {
  const cells = textCells(text);
  return cells === 0 ? '' : ` textLength="${n(cells * CHAR_WIDTH)}" lengthAdjust="spacingAndGlyphs"`;
}

function baseline(middle: number): number {
  return middle + FONT_SIZE * THEME.baselineShift;
}

/** The header band: the box's top with rounded corners, square at the bottom where the rows begin. */
function headerPath(box: Box): string {
  const r = THEME.tableRadius;
  const { x, y, width } = box;
  return (
    `M${n(x)} ${n(y + HEADER_HEIGHT)} V${n(y + r)} Q${n(x)} ${n(y)} ${n(x + r)} ${n(y)} ` +
    `H${n(x + width - r)} Q${n(x + width)} ${n(y)} ${n(x + width)} ${n(y + r)} V${n(y + HEADER_HEIGHT)} Z`
  );
}

/** A small tag at the header's right for anything that is not a plain table, when it fits beside the name. */
function kindTag(table: SceneTable): string {
  const tag = KIND_TAGS[table.kind];
  if (tag === null) return '';
  const { box } = table;
  const width = tag.length * THEME.badgeFontSize * 0.6 + 12;
  const free = box.width - 2 * PADDING_X - textCells(table.header) * CHAR_WIDTH;
  if (free < width + CHAR_WIDTH) return '';
  const right = box.x + box.width - PADDING_X;
  const middle = box.y + headerCenterY();
  return (
    `<rect class="s2m-kind" x="${n(right - width)}" y="${n(middle - 8)}" width="${n(width)}" height="16" rx="8" ` +
    `fill="${e(table.colors.headerText)}" fill-opacity="0.2"/>` +
    `<text x="${n(right - width / 2)}" y="${n(middle + THEME.badgeFontSize * THEME.baselineShift)}" text-anchor="middle" ` +
    `font-size="${THEME.badgeFontSize}" font-weight="600" fill="${e(table.colors.headerText)}">${e(tag)}</text>`
  );
}

function markOutline(box: Box, mark: string): string {
  return (
    `<rect class="s2m-mark" x="${n(box.x - 4)}" y="${n(box.y - 4)}" width="${n(box.width + 8)}" height="${n(box.height + 8)}" ` +
    `rx="${THEME.tableRadius + 4}" fill="none" stroke="${markColor(mark)}" stroke-width="2.5"/>`
  );
}

/** The change mark's label, sitting on the outline's top edge at the right. */
function markBadge(box: Box, mark: string): string {
  const width = textCells(mark) * THEME.badgeFontSize * 0.6 + 14;
  const left = box.x + box.width + 4 - width;
  const middle = box.y - 4;
  return (
    `<rect x="${n(left)}" y="${n(middle - 9)}" width="${n(width)}" height="18" rx="9" fill="${markColor(mark)}"/>` +
    `<text x="${n(left + width / 2)}" y="${n(middle + THEME.badgeFontSize * THEME.baselineShift)}" text-anchor="middle" ` +
    `font-size="${THEME.badgeFontSize}" font-weight="700" fill="#ffffff">${e(mark)}</text>`
  );
}

function tooltip(table: SceneTable): string {
  const tag = KIND_TAGS[table.kind];
  return `${table.schema}.${table.name}${tag === null ? '' : ` (${tag})`}`;
}
