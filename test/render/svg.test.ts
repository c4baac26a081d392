import { describe, expect, it } from 'vitest';
import { FONT_SIZE, cellOffsets, measureTable, rowCells, rowCenterY, tableText } from '../../src/layout/measure.js';
import { renderSvg } from '../../src/render/index.js';
import { buildScene } from '../../src/scene/index.js';
import { escapeXml, formatNumber } from '../../src/render/xml.js';
import { HOSTILE_NAMES, hostileDiagram, shopDiagram, twoSchemaDiagram } from './fixtures.js';
import { wellFormedProblem } from './well-formed.js';

function shopSvg(): string {
  const { diagram, layout } = shopDiagram();
  return renderSvg(buildScene(diagram, layout));
}

/** The markup of one table group, found by its data attribute. */
function tableGroup(svg: string, id: string): string {
  const start = svg.indexOf(`<g class="s2m-table" data-table-id="${escapeXml(id)}"`);
  expect(start).toBeGreaterThanOrEqual(0);
  return svg.slice(start, svg.indexOf('\n</g>', start));
}

describe('renderSvg', () => {
  it('is a well-formed standalone SVG with the monospace font stack', () => {
    const svg = shopSvg();
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(wellFormedProblem(svg)).toBeNull();
    expect(svg).toContain('font-family="&quot;Roboto Mono&quot;, &quot;IBM Plex Mono&quot;, ui-monospace, &quot;DejaVu Sans Mono&quot;, monospace"');
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg")/);
  });

  it('draws every table exactly once, with a name and type text for every row', () => {
    const { diagram, layout } = shopDiagram();
    const svg = renderSvg(buildScene(diagram, layout));
    expect(svg.match(/data-table-id=/g)).toHaveLength(diagram.tables.length);
    for (const table of diagram.tables) {
      const group = tableGroup(svg, table.id);
      expect(group.match(/class="s2m-row"/g)).toHaveLength(table.rows.length);
      for (const row of table.rows) {
        expect(group).toContain(`data-column="${row.column}"`);
        expect(group).toContain(`>${escapeXml(row.label)}</text>`);
      }
    }
  });

  it('places row text where measure.ts puts the cells', () => {
    const { diagram, layout } = shopDiagram();
    const svg = renderSvg(buildScene(diagram, layout));
    const table = diagram.tables.find((t) => t.id === 'public.orders')!;
    const box = layout.tables.find((b) => b.id === table.id)!;
    const metrics = measureTable(table);
    const offsets = cellOffsets(metrics);
    const group = tableGroup(svg, table.id);
    table.rows.forEach((row, index) => {
      const baseline = formatNumber(box.y + rowCenterY(index) + FONT_SIZE * 0.35);
      const cells = rowCells(row, metrics);
      expect(group).toContain(`x="${formatNumber(box.x + offsets.name)}" y="${baseline}"`);
      expect(group).toContain(`class="s2m-type" x="${formatNumber(box.x + offsets.type)}" y="${baseline}"`);
      if (row.key !== null) expect(group).toContain(`>${cells.marker}</text>`);
    });
  });

  it('draws the crow-foot glyphs each connector asks for', () => {
    const svg = shopSvg();
    const glyphs = (id: string): string[] => {
      const start = svg.indexOf(`data-relation-id="${id}"`);
      const group = svg.slice(start, svg.indexOf('\n</g>', start));
      return [...group.matchAll(/data-glyph="(start|end)" d="([^"]*)"/g)].map((m) => `${m[1]}:${m[2]!.split('M').length - 1}`);
    };
    // zero_or_many = two subpaths (toes + middle) and a circle, exactly_one = two bars, zero_or_one = a bar and a circle.
    expect(glyphs('public.orders.orders_customer_id_fkey')).toEqual(['start:2', 'end:2']);
    expect(glyphs('public.customer_profiles.customer_profiles_customer_id_fkey')).toEqual(['start:1', 'end:2']);
    expect(glyphs('view:public.order_totals-&gt;public.orders')).toEqual([]);
    const coupon = svg.slice(svg.indexOf('data-relation-id="public.orders.orders_coupon_id_fkey"'));
    expect(coupon.slice(0, coupon.indexOf('\n</g>'))).toContain('<circle');
    const view = svg.slice(svg.indexOf('data-relation-id="view:'));
    expect(view.slice(0, view.indexOf('\n</g>'))).toContain('stroke-dasharray');
  });

  it('draws a self-reference as the board does: a loop through a small circle beside the table, caps at both rows', () => {
    const svg = shopSvg();
    const start = svg.indexOf('data-relation-id="public.customers.customers_referred_by_fkey"');
    const group = svg.slice(svg.lastIndexOf('<g', start), svg.indexOf('\n</g>', start));
    expect(group).toContain('class="s2m-connector s2m-self-loop"');
    expect(group.match(/<circle class="s2m-loop"/g)).toHaveLength(1);
    // zero or many at the FK row (a foot and its circle), zero or one at the key row (a bar and a circle).
    expect(group.match(/data-glyph="(start|end)"/g)).toEqual(['data-glyph="start"', 'data-glyph="end"']);
    expect(group.match(/<circle /g)).toHaveLength(3);
  });

  it('draws the relation-ends legend with the connectors own glyphs in place of the board legend text', () => {
    const svg = shopSvg();
    const ends = [...svg.matchAll(/<g class="s2m-legend-end" data-end="([a-z_]+)">(.*?)<\/g>/g)];
    expect(ends.map((m) => m[1])).toEqual(['exactly_one', 'zero_or_one', 'zero_or_many']);
    // Two bars; a bar and a circle; a foot and a circle.
    expect(ends.map((m) => [m[2]!.match(/data-glyph="end" d="([^"]*)"/)![1]!.split('M').length - 1, (m[2]!.match(/<circle/g) ?? []).length])).toEqual([
      [2, 0],
      [1, 1],
      [2, 1],
    ]);
    expect(svg).toContain('relation ends:       exactly one');
    expect(svg).not.toContain('--o&lt;');
  });

  it('escapes every name, so markup in names shows as text', () => {
    const { diagram, layout } = hostileDiagram();
    const svg = renderSvg(buildScene(diagram, layout));
    expect(wellFormedProblem(svg)).toBeNull();
    expect(svg).not.toContain('<script');
    expect(svg).toContain('>&lt;script&gt;</text>');
    expect(svg).toContain('data-column="&lt;script&gt;"');
    expect(svg).toContain('>a&amp;b</text>');
    expect(svg).toContain('data-column="say &quot;hi&quot; it&#39;s"');
    expect(svg).toContain('>ключ</text>');
    expect(svg).toContain('data-table-id="public.&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(svg).toContain('db &quot;&lt;/script&gt;&quot; &amp; co');
    // The control character is not allowed in XML: replaced, not passed through.
    expect(svg).not.toContain('\u0007');
    expect(svg).toContain(`>${escapeXml(HOSTILE_NAMES.control)}</text>`);
    expect(escapeXml(HOSTILE_NAMES.control)).toBe('bell\uFFFD');
  });

  it('draws frames behind connectors and tables, with the schema name', () => {
    const { diagram, layout } = twoSchemaDiagram();
    const svg = renderSvg(buildScene(diagram, layout));
    expect(svg.match(/class="s2m-frame"/g)).toHaveLength(2);
    expect(svg.indexOf('class="s2m-frames"')).toBeLessThan(svg.indexOf('class="s2m-connectors"'));
    expect(svg.indexOf('class="s2m-connectors"')).toBeLessThan(svg.indexOf('class="s2m-tables"'));
    expect(svg).toMatch(/<g class="s2m-frame" data-schema="auth">[\s\S]*?>auth<\/text>/);
    expect(svg).toContain('>auth.accounts</text>');
  });

  it('draws a change mark as an outline and a label when the scene has one', () => {
    const { diagram, layout } = shopDiagram();
    const scene = buildScene(diagram, layout);
    expect(renderSvg(scene)).not.toContain('s2m-mark');
    scene.tables[0]!.mark = 'changed';
    const group = tableGroup(renderSvg(scene), scene.tables[0]!.id);
    expect(group).toContain('class="s2m-mark"');
    expect(group).toContain('>changed</text>');
  });

  it('marks nullable types and shows cut names in full on hover', () => {
    const { diagram, layout } = shopDiagram();
    const scene = buildScene(diagram, layout);
    const svg = renderSvg(scene);
    expect(tableGroup(svg, 'public.orders')).toContain('integer<tspan fill="#d97706" font-weight="700">?</tspan>');
    const table = scene.tables[0]!;
    const long = 'x'.repeat(60);
    table.rows = [{ column: long, label: long, type: 'text', nullable: false, key: null }];
    table.cells = tableText(table, table.header, measureTable(table, table.header)).cells;
    const group = tableGroup(renderSvg(scene), table.id);
    expect(group).toContain(`<title>${long}</title>`);
    expect(group).toContain(`${'x'.repeat(47)}…</text>`);
  });

  it('is byte-stable, with at most two decimals in every number', () => {
    const svg = shopSvg();
    expect(shopSvg()).toBe(svg);
    expect(svg).not.toMatch(/\d\.\d{3,}/);
    expect(svg).not.toMatch(/NaN|Infinity|undefined|\[object/);
    expect(formatNumber(-0.001)).toBe('0');
    expect(formatNumber(1 / 3)).toBe('0.33');
  });
});
