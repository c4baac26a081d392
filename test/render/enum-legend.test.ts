/**
 * Enum legends: which enum types a diagram lists (graph stage), how a legend's lines are cut, where the
 * scene puts it (inside its frame, clear of tables; a full frame grows and what is below moves down), and
 * the preview drawing it from the scene.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagramEnums } from '../../src/graph/enums.js';
import type { Box } from '../../src/model/layout.js';
import type { DiagramEnum } from '../../src/model/diagram.js';
import { ENUM_LEGEND_HEADER, SCENE_TEXT, type BoardScene } from '../../src/model/scene.js';
import type { EnumType } from '../../src/model/schema.js';
import { drawSchema, readSchema } from '../../src/pipeline.js';
import { renderSvg } from '../../src/render/index.js';
import { enumLine, LEGEND_LINE_CELLS, LEGEND_MAX_ENUMS, legendSize, legendText } from '../../src/scene/enum-legend.js';
import { buildScene } from '../../src/scene/index.js';
import { textCells } from '../../src/util/text-cells.js';
import { diagramOf, foreignKey, gridLayout, row, table } from './fixtures.js';
import { wellFormedProblem } from './well-formed.js';

const PAGILA = resolve(process.cwd(), '../shared/schemas/pagila.sql');
const LAGO = resolve(process.cwd(), '../shared/schemas/lago-api.sql');

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
function contains(outer: Box, inner: Box): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

const enumType = (schema: string, name: string, labels: string[]): EnumType => ({ schema, name, labels });
const listed = (schema: string, name: string, labels: string[], tables: string[], type = name): DiagramEnum => ({ schema, name, type, labels, tables });

/** Every legend inside its frame, clear of every table and circle; frames apart; tables inside theirs. */
function expectWellPlaced(scene: BoardScene): void {
  const frameOf = new Map(scene.frames.map((f) => [f.schema, f]));
  for (const legend of scene.enumLegends) {
    const frame = frameOf.get(legend.frame);
    if (frame !== undefined) expect(contains(frame.box, legend.box), legend.id).toBe(true);
    else expect(overlaps(legend.box, scene.title.box), legend.id).toBe(false);
    for (const t of scene.tables) expect(overlaps(t.box, legend.box), `${legend.id} on ${t.id}`).toBe(false);
    for (const c of scene.connectors) if (c.loop) expect(overlaps(c.loop.box, legend.box), `${legend.id} on ${c.id}`).toBe(false);
    for (const other of scene.enumLegends) if (other !== legend) expect(overlaps(other.box, legend.box)).toBe(false);
    expect(contains(scene.bounds, legend.box)).toBe(true);
    expect(legend.box).toMatchObject(legendSize(legend.lines));
  }
  for (const a of scene.frames) for (const b of scene.frames) if (a !== b) expect(overlaps(a.box, b.box), `${a.schema} on ${b.schema}`).toBe(false);
  for (const t of scene.tables) {
    const frame = frameOf.get(t.frame ?? t.schema);
    if (frame !== undefined) expect(contains(frame.box, t.box), t.id).toBe(true);
  }
}

describe('the enum types a diagram lists', () => {
  it('are those its drawn columns use, arrays and quoted or qualified spellings included, with their tables', () => {
    const users = table('app', 'users', [row('id', 'uuid', 'pk'), row('mood', 'app.mood'), row('tags', '"Tag Kind"[]')]);
    const posts = table('app', 'posts', [row('id', 'uuid', 'pk'), row('state', 'app.mood')]);
    const enums = [
      enumType('app', 'mood', ['happy', 'sad']),
      enumType('app', 'Tag Kind', ['a', 'b']),
      enumType('app', 'unused', ['x']),
    ];
    expect(diagramEnums(enums, [users, posts])).toEqual([
      listed('app', 'Tag Kind', ['a', 'b'], ['app.users'], '"Tag Kind"'),
      listed('app', 'mood', ['happy', 'sad'], ['app.posts', 'app.users'], 'app.mood'),
    ]);
  });

  it('take a bare name shared by two schemas as the table’s own schema’s', () => {
    const t = table('b', 't', [row('id', 'int', 'pk'), row('s', 'status')]);
    const enums = [enumType('a', 'status', ['1']), enumType('b', 'status', ['2'])];
    expect(diagramEnums(enums, [t]).map((e) => `${e.schema}.${e.name}`)).toEqual(['b.status']);
  });
});

describe('a legend line', () => {
  it('lists every value when they fit', () => {
    expect(enumLine('mpaa_rating', ['G', 'PG', 'PG-13', 'R', 'NC-17'])).toBe('mpaa_rating: G · PG · PG-13 · R · NC-17');
    expect(enumLine('empty', [])).toBe('empty: (no values)');
  });

  it('cuts a long list with "…" and the count of values left out, within the line’s cells', () => {
    const labels = Array.from({ length: 30 }, (_, i) => `value_${i}`);
    const line = enumLine('status', labels);
    expect(textCells(line)).toBeLessThanOrEqual(LEGEND_LINE_CELLS);
    const shown = line.slice('status: '.length).split(' · ');
    const more = shown.pop()!;
    expect(shown).toEqual(labels.slice(0, shown.length));
    expect(more).toBe(`… ${labels.length - shown.length} more`);
    // One value longer than the line: cut itself.
    const long = enumLine('status', ['x'.repeat(200), 'b']);
    expect(textCells(long)).toBeLessThanOrEqual(LEGEND_LINE_CELLS);
    expect(long).toMatch(/^status: x+… · … 1 more$/);
  });

  it('lists at most a legend’s worth of types, counting the rest', () => {
    const many = Array.from({ length: LEGEND_MAX_ENUMS + 5 }, (_, i) => listed('s', `e${String(i).padStart(2, '0')}`, ['a'], ['s.t']));
    const text = legendText(many);
    expect(text.lines[0]).toBe(ENUM_LEGEND_HEADER);
    expect(text.lines).toHaveLength(LEGEND_MAX_ENUMS + 1);
    expect(text.lines.at(-1)).toBe(`… ${many.length - (LEGEND_MAX_ENUMS - 1)} more enum types`);
    expect(text.enums).toHaveLength(LEGEND_MAX_ENUMS - 1);
  });
});

describe('enum legends in the scene', () => {
  function stacked() {
    const accounts = table('auth', 'accounts', [row('id', 'uuid', 'pk'), row('state', 'auth.account_state')]);
    const invoices = table('billing', 'invoices', [row('id', 'uuid', 'pk'), row('account_id', 'uuid', 'fk'), row('status', 'billing.invoice_status')]);
    const diagram = {
      ...diagramOf('acme', [accounts, invoices], [foreignKey(invoices, 'account_id', accounts, 'id', 'invoices_account_id_fkey')]),
      enums: [
        listed('auth', 'account_state', ['active', 'locked'], ['auth.accounts'], 'auth.account_state'),
        listed('billing', 'invoice_status', ['draft', 'open', 'paid', 'void'], ['billing.invoices'], 'billing.invoice_status'),
      ],
    };
    // Frames fit their tables tightly: no room for a legend inside; auth's frame is above billing's.
    const layout = gridLayout(diagram, { 'auth.accounts': [0, 0], 'billing.invoices': [0, 1] });
    return { diagram, layout };
  }

  it('one per frame, with that frame’s enum types; a full frame grows and the frames below it move down', () => {
    const { diagram, layout } = stacked();
    const scene = buildScene(diagram, layout);
    expect(scene.enumLegends.map((l) => [l.id, l.frame, l.lines])).toEqual([
      ['enums:auth', 'auth', [ENUM_LEGEND_HEADER, 'auth.account_state: active · locked']],
      ['enums:billing', 'billing', [ENUM_LEGEND_HEADER, 'billing.invoice_status: draft · open · paid · void']],
    ]);
    expectWellPlaced(scene);
    const auth = scene.frames.find((f) => f.schema === 'auth')!;
    const before = layout.frames.find((f) => f.schema === 'auth')!;
    expect(auth.box.height).toBeGreaterThan(before.height);
    // The billing frame, its table and the relation's ends moved down by as much as auth's frame grew.
    const shift = auth.box.height - before.height;
    const billing = scene.frames.find((f) => f.schema === 'billing')!;
    expect(billing.box.y).toBe(layout.frames.find((f) => f.schema === 'billing')!.y + shift);
    const invoices = scene.tables.find((t) => t.id === 'billing.invoices')!;
    expect(invoices.box.y).toBe(layout.tables.find((t) => t.id === 'billing.invoices')!.y + shift);
    const [connector] = scene.connectors;
    expect(connector!.route[0]!.y).toBeCloseTo(invoices.box.y + connector!.fromAttach.y * invoices.box.height, 1);
    const accounts = scene.tables.find((t) => t.id === 'auth.accounts')!;
    expect(connector!.route.at(-1)!.y).toBeCloseTo(accounts.box.y + connector!.toAttach.y * accounts.box.height, 1);
  });

  it('none where no drawn column uses an enum type', () => {
    const { diagram, layout } = stacked();
    expect(buildScene({ ...diagram, enums: [] }, layout).enumLegends).toEqual([]);
    expect(buildScene({ ...diagram, enums: [diagram.enums[0]!] }, layout).enumLegends.map((l) => l.frame)).toEqual(['auth']);
  });

  it.skipIf(!existsSync(PAGILA))('pagila (no frames): one legend beside the title; none when the rating column is not drawn', async () => {
    const schema = await readSchema({ kind: 'sql', paths: [PAGILA] });
    const { scene } = await drawSchema(schema);
    expect(scene.frames).toEqual([]);
    expect(scene.enumLegends.map((l) => l.lines)).toEqual([[ENUM_LEGEND_HEADER, 'public.mpaa_rating: G · PG · PG-13 · R · NC-17']]);
    const [legend] = scene.enumLegends;
    expect(legend!.box.x).toBeGreaterThan(scene.title.box.x + scene.title.box.width);
    expect(legend!.box.y + legend!.box.height).toBe(scene.title.box.y + scene.title.box.height);
    expectWellPlaced(scene);
    const keysOnly = await drawSchema(schema, { graph: { columns: 'keys' } });
    expect(keysOnly.scene.enumLegends).toEqual([]);
  });

  it.skipIf(!existsSync(LAGO))('lago-api: a legend in each subject area that shows enum types, each inside its frame and clear of its tables', async () => {
    const schema = await readSchema({ kind: 'sql', paths: [LAGO] });
    const { scene, diagram } = await drawSchema(schema);
    expect(scene.enumLegends.length).toBeGreaterThan(10);
    expectWellPlaced(scene);
    // Every enum type a drawn column uses is listed in the legend of the frame its table is in.
    for (const e of diagram.enums ?? []) {
      for (const id of e.tables) {
        const t = scene.tables.find((s) => s.id === id)!;
        const legend = scene.enumLegends.find((l) => l.frame === (t.frame ?? t.schema));
        expect(legend?.enums ?? [], `${e.name} in ${id}'s frame`).toContain(`${e.schema}.${e.name}`);
      }
    }
  });
});

describe('the preview', () => {
  it.skipIf(!existsSync(PAGILA))('draws each legend from the scene: its box, the header bold, one line per enum type', async () => {
    const { scene } = await drawSchema(await readSchema({ kind: 'sql', paths: [PAGILA] }));
    const svg = renderSvg(scene);
    expect(wellFormedProblem(svg)).toBeNull();
    const [legend] = scene.enumLegends;
    const start = svg.indexOf('<g class="s2m-enum-legend"');
    expect(start).toBeGreaterThan(0);
    const group = svg.slice(start, svg.indexOf('</g>', start));
    expect(group).toContain(`data-enums="public.mpaa_rating"`);
    expect(group).toContain(`<rect x="${legend!.box.x}" y="${legend!.box.y}" width="${legend!.box.width}" height="${legend!.box.height}"`);
    expect(group).toMatch(new RegExp(`font-weight="700"[^>]*>${ENUM_LEGEND_HEADER}</text>`));
    expect(group).toContain('>public.mpaa_rating:</text>');
    expect(group).toContain('>G · PG · PG-13 · R · NC-17</text>');
    // The values start where the board's monospace line has them.
    const valuesX = legend!.box.x + SCENE_TEXT.paddingX + textCells('public.mpaa_rating: ') * SCENE_TEXT.charWidth;
    expect(group).toContain(`class="s2m-legend-values" x="${Math.round(valuesX * 100) / 100}"`);
  });
});
