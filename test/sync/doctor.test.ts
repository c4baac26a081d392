/**
 * `doctor` reads a board back and says what the board did with our items, in both emulator modes: the
 * verdict names the mode it saw; it writes nothing and shows no credential.
 */
import { describe, expect, it } from 'vitest';
import { diagnoseBoard, formatDoctorReport, syncBoard } from '../../src/board/index.js';
import { harnessFor, TEST_TOKEN, TEXT_MODES } from './harness.js';
import { buildTestScene, shopRelations, shopTables, type RelationSpec, type TableSpec } from './scenes.js';

const tables = (): TableSpec[] => [...shopTables(), { name: 'employee', columns: ['pk id integer', 'fk manager_id integer?'] }];
const relations = (): RelationSpec[] => [
  ...shopRelations(),
  { from: 'public.employee', fromColumn: 'manager_id', to: 'public.employee', toColumn: 'id', endMarker: 'zero_or_one' },
];

describe.each(TEXT_MODES)('doctor on a %s board', (textMode) => {
  const harness = harnessFor(textMode);

  it('reports signatures, re-written text, fonts, sizes and attach points, and which storage it saw', async () => {
    const scene = buildTestScene(tables(), relations());
    const { boardId } = await syncBoard(scene, harness.client(), { boardName: 'doctor' });
    // A user pastes a copy of a table: the doctor names the claim.
    const board = harness.emulator.boards.require(boardId!);
    const writes = harness.emulator.stats.writes;
    const report = await diagnoseBoard(harness.client(), boardId!, { scene });
    expect(harness.emulator.stats.writes).toBe(writes);

    expect(report.ours).toEqual({ tables: 5, frames: 0, title: 1, loops: 1, legends: 0, history: 1, connectors: 5 });
    // The title and the board's Schema history, whose one entry is this first sync.
    expect(report.items).toMatchObject({ shapes: 6, texts: 2, connectors: 5 });
    expect(report.history).toEqual({ entries: 1, signed: textMode === 'verbatim' });
    expect(report.textStorage).toBe(textMode);
    if (textMode === 'verbatim') {
      expect(report.signatures).toEqual({ kept: 8, lost: 0 });
      expect(report.text).toMatchObject({ compared: 5, identical: 5, rewrittenSameText: 0, visiblyDifferent: 0, example: null });
      expect(report.adopted).toEqual([]);
    } else {
      expect(report.signatures).toEqual({ kept: 0, lost: 8 });
      expect(report.text).toMatchObject({ compared: 5, identical: 0, rewrittenSameText: 5, visiblyDifferent: 0 });
      // The first difference: Miro stores the no-break spaces we send as entities as the character itself.
      expect(report.text.example!.ours).toContain('PK&nbsp;id');
      expect(report.text.example!.theirs).toContain('PK<U+00A0>id');
      expect(report.adopted).toHaveLength(7);
    }
    expect(report.fonts).toMatchObject({ sampled: 3, families: { roboto_mono: 3 }, sizes: { '14': 3 } });
    expect(report.sizes).toEqual({ compared: 5, asDrawn: 5 });
    expect(report.attach).toMatchObject({ connectors: 5, relative: 5, compared: 3, asSet: 3, example: null });

    const text = formatDoctorReport(report);
    expect(text).toContain(`Text storage: ${textMode}`);
    expect(text).toContain('Nothing was written.');
    expect(text).toMatch(/Line height: not readable/);
    expect(text).not.toContain(TEST_TOKEN);
    // Our 7 items and the Schema history (which the doctor leaves out of its counts of ours).
    expect(board.items()).toHaveLength(8);
  });

  it('without a schema, still reads signatures, fonts and attach points', async () => {
    const scene = buildTestScene(tables(), relations());
    const { boardId } = await syncBoard(scene, harness.client(), {});
    const report = await diagnoseBoard(harness.client(), boardId!);
    // Without the scene, an item whose signature is gone cannot be named: on a normalising board none is ours.
    expect(report.ours.tables).toBe(textMode === 'verbatim' ? 5 : 0);
    expect(report.textStorage).toBe(textMode === 'verbatim' ? 'verbatim' : 'unknown');
    expect(formatDoctorReport(report)).toContain('not compared (no schema given');
  });
});
