/**
 * Relations no constraint backs, on a board: drawn as dashed connectors beside the solid foreign keys,
 * with the legend line in the title; a re-run writes nothing; dropping inference removes exactly them.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseSchema } from '../../src/model/schema.js';
import { drawSchema, readSchema } from '../../src/pipeline.js';
import { addRelations } from '../../src/relations/index.js';
import { NOT_ENFORCED_LEGEND } from '../../src/scene/title.js';
import { canonicalMiroText } from '../../src/board/item-text.js';
import { syncBoard } from '../../src/board/index.js';
import { duplicatesOf, startHarness, viewBoard, type Harness } from './harness.js';

const SQL = `
CREATE TABLE companies (id bigint PRIMARY KEY, name text);
CREATE TABLE people (id bigint PRIMARY KEY, company_id bigint, name text);
CREATE TABLE posts (id bigint PRIMARY KEY, person_id bigint NOT NULL, company_id bigint REFERENCES companies (id));
`;

let harness: Harness;
let folder: string;
let schema: DatabaseSchema;

beforeAll(async () => {
  harness = await startHarness();
  folder = await mkdtemp(join(tmpdir(), 's2m-unenforced-'));
  await writeFile(join(folder, 'app.sql'), SQL);
  schema = await readSchema({ kind: 'sql', paths: [join(folder, 'app.sql')] });
}, 60_000);

afterAll(async () => {
  await harness.close();
  await rm(folder, { recursive: true, force: true });
});

describe('declared and inferred relations on a board', () => {
  it('are dashed connectors, kept on a re-run, and removed with the inference', async () => {
    const inferred = addRelations(schema, { infer: true });
    expect(inferred.relations?.map((r) => r.id)).toEqual([
      'inferred:public.people(company_id)->public.companies(id)',
      'inferred:public.posts(person_id)->public.people(id)',
    ]);
    const { scene } = await drawSchema(inferred);
    const report = await syncBoard(scene, harness.client(), {});
    const board = harness.emulator.boards.require(report.boardId!);
    const styles = board.connectors().map((c) => (c.style as { strokeStyle?: string } | undefined)?.strokeStyle ?? 'normal').sort();
    expect(styles).toEqual(['dashed', 'dashed', 'normal']);
    const title = board.items().find((i) => typeof i.data.content === 'string' && (i.data.content as string).includes('dashed'));
    // Board text keeps its spacing as &nbsp;.
    // Read as people see it: the same in either text mode (a normalising board stores U+00A0 for &nbsp;).
    expect(canonicalMiroText(String(title?.data.content))).toContain(NOT_ENFORCED_LEGEND);
    expect(duplicatesOf(viewBoard(harness.emulator, report.boardId!))).toEqual([]);

    const again = await syncBoard(scene, harness.client(), { boardId: report.boardId! });
    expect(again.writeCalls).toBe(0);

    const plain = await drawSchema(schema);
    const without = await syncBoard(plain.scene, harness.client(), { boardId: report.boardId! });
    expect(without.changes.relationsRemoved.sort()).toEqual(['public.people → public.companies', 'public.posts → public.people']);
    expect(board.connectors()).toHaveLength(1);
    expect(duplicatesOf(viewBoard(harness.emulator, report.boardId!))).toEqual([]);
  });
});
