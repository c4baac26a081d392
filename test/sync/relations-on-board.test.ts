/**
 * Every relation of a real schema on the board, with the right crow's-foot caps: each foreign key is a
 * connector between its two tables, or (a self-reference) a loop circle of ours with two legs. The caps
 * are derived here from the schema model, independently of the graph stage's cardinality rules:
 * referenced end `erd_only_one` when every FK column is NOT NULL, `erd_zero_or_one` when any is nullable;
 * referencing end `erd_zero_or_many`, or `erd_zero_or_one` when a primary key, unique constraint or unique
 * index (not partial) lies within the FK columns.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseSchema, ForeignKey, Table } from '../../src/model/schema.js';
import { drawSchema, readSchema } from '../../src/pipeline.js';
import { attachPercent } from '../../src/board/items.js';
import { syncBoard } from '../../src/board/index.js';
import type { StoredConnector } from '../../scripts/miro-emulator/index.js';
import { type Harness, startHarness, viewBoard } from './harness.js';

const SHARED = resolve(process.cwd(), '../shared/schemas');
/** Self-references each schema has (the figures). */
const SCHEMAS: { file: string; selfReferences: number; caps: boolean }[] = [
  { file: 'chinook.sql', selfReferences: 1, caps: false },
  { file: 'pagila.sql', selfReferences: 0, caps: true },
  { file: 'lago-api.sql', selfReferences: 5, caps: true },
];
const present = SCHEMAS.filter((s) => existsSync(resolve(SHARED, s.file)));
if (present.length < SCHEMAS.length) console.warn(`skipping missing shared schemas in ${SHARED}`);

function expectedCaps(table: Table, fk: ForeignKey): { start: string; end: string } {
  const fkColumns = new Set(fk.columns);
  const within = (columns: readonly string[]): boolean => columns.length > 0 && columns.every((c) => fkColumns.has(c));
  const unique =
    (table.primaryKey !== null && within(table.primaryKey.columns)) ||
    table.uniqueKeys.some((k) => k.predicate === null && within(k.columns)) ||
    table.indexes.some((i) => i.unique && i.predicate === null && within(i.columns));
  const nullable = table.columns.some((c) => fkColumns.has(c.name) && c.nullable);
  return { start: unique ? 'erd_zero_or_one' : 'erd_zero_or_many', end: nullable ? 'erd_zero_or_one' : 'erd_only_one' };
}

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ textMode: 'normalising' });
});
afterAll(async () => {
  await harness?.close();
});

describe.skipIf(present.length === 0)('every relation of a real schema on the board', () => {
  it.each(present)('$file: every foreign key drawn, self-references as loops, caps by the rule', async ({ file, selfReferences, caps }) => {
    const schema: DatabaseSchema = await readSchema({ kind: 'sql', paths: [resolve(SHARED, file)] });
    const { scene } = await drawSchema(schema);
    const report = await syncBoard(scene, harness.client(), {});
    const boardId = report.boardId!;
    const board = harness.emulator.boards.require(boardId);
    const view = viewBoard(harness.emulator, boardId);
    const itemOf = (key: string): string => {
      const ids = view.signed.get(key);
      expect(ids, key).toHaveLength(1);
      return ids![0]!;
    };
    const drawn = new Set(scene.tables.filter((t) => t.reference === undefined).map((t) => t.id));
    const connectorsFrom = new Map<string, StoredConnector[]>();
    for (const c of board.connectors()) connectorsFrom.set(c.startItem.id, [...(connectorsFrom.get(c.startItem.id) ?? []), c]);

    let foreignKeys = 0;
    let loops = 0;
    const used = new Set<string>();
    for (const table of schema.tables) {
      const from = `${table.schema}.${table.name}`;
      if (!drawn.has(from)) continue;
      for (const fk of table.foreignKeys) {
        const to = `${fk.references.schema}.${fk.references.name}`;
        if (!drawn.has(to)) continue;
        foreignKeys++;
        const id = `${from}.${fk.name}`;
        const connector = scene.connectors.find((c) => c.id === id);
        expect(connector, id).toBeDefined();
        const wanted = expectedCaps(table, fk);
        const fromItem = itemOf(`table:${from}`);
        if (from === to) {
          loops++;
          const loop = itemOf(`loop:${id}`);
          const out = (connectorsFrom.get(fromItem) ?? []).filter((c) => c.endItem.id === loop);
          const back = (connectorsFrom.get(loop) ?? []).filter((c) => c.endItem.id === fromItem);
          expect([out.length, back.length], id).toEqual([1, 1]);
          expect(out[0]!.startItem.position.y, id).toBe(attachPercent(connector!.fromAttach.y));
          expect(back[0]!.endItem.position.y, id).toBe(attachPercent(connector!.toAttach.y));
          expect([out[0]!.style.startStrokeCap, out[0]!.style.endStrokeCap, back[0]!.style.startStrokeCap, back[0]!.style.endStrokeCap], id).toEqual([
            wanted.start,
            'none',
            'none',
            wanted.end,
          ]);
          used.add(out[0]!.id).add(back[0]!.id);
          continue;
        }
        // The relation ends at its table, or at the reference box standing for it in this frame (a hub's).
        const end = scene.tables.find((t) => t.id === connector!.to)!;
        expect(end.id === to || end.reference?.table === to, `${id} ends at ${end.id}`).toBe(true);
        const toItem = itemOf(`table:${end.id}`);
        const matches = (connectorsFrom.get(fromItem) ?? []).filter(
          (c) => c.endItem.id === toItem && c.startItem.position.y === attachPercent(connector!.fromAttach.y) && !used.has(c.id),
        );
        expect(matches.length, id).toBeGreaterThanOrEqual(1);
        const found = matches.find((c) => c.endItem.position.y === attachPercent(connector!.toAttach.y)) ?? matches[0]!;
        used.add(found.id);
        if (caps) expect([id, found.style.startStrokeCap, found.style.endStrokeCap]).toEqual([id, wanted.start, wanted.end]);
      }
    }
    expect(loops).toBe(selfReferences);
    expect(report.selfRelations).toBe(selfReferences);
    // Nothing else: every connector on the board draws one of these foreign keys.
    expect(used.size).toBe(board.connectors().length);
    expect(board.connectors()).toHaveLength(foreignKeys + selfReferences);
    expect(scene.connectors.filter((c) => c.style === 'solid')).toHaveLength(foreignKeys);

    const again = await syncBoard(scene, harness.client(), { boardId });
    expect(again.writeCalls).toBe(0);
  });
});
