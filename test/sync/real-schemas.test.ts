/**
 * Real schemas through the whole pipeline (SQL file -> introspection -> diagram -> layout -> scene) onto
 * an emulated board: a fresh board, then a re-run with zero writes.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BoardScene } from '../../src/model/scene.js';
import { syncBoard } from '../../src/board/index.js';
import { duplicatesOf, harnessFor, TEXT_MODES, viewBoard } from './harness.js';
import { drawSchema, readSchema } from '../../src/pipeline.js';

const SHARED = resolve(process.cwd(), '../shared/schemas');
const FIXTURES = resolve(process.cwd(), 'fixtures');
const fixtureFiles = existsSync(FIXTURES) ? readdirSync(FIXTURES).filter((f) => f.endsWith('.sql')).map((f) => join(FIXTURES, f)) : [];
const sharedFiles = ['chinook.sql'].map((f) => join(SHARED, f)).filter((f) => existsSync(f));
if (sharedFiles.length === 0) console.warn(`skipping shared schemas: ${SHARED} is missing`);
const files = [...fixtureFiles, ...sharedFiles];

async function sceneOf(file: string): Promise<BoardScene> {
  return (await drawSchema(await readSchema({ kind: 'sql', paths: [file] }))).scene;
}

describe.each(TEXT_MODES)('on a %s board', (textMode) => {
  const harness = harnessFor(textMode);

  describe.skipIf(files.length === 0)('real schemas onto a board', () => {
    it.each(files)('%s: fresh board, then a re-run with zero writes', async (file) => {
      const scene = await sceneOf(file);
      const report = await syncBoard(scene, harness.client(), {});
      const view = viewBoard(harness.emulator, report.boardId!);
      expect(duplicatesOf(view)).toEqual([]);
      expect([...view.signed.keys()].filter((k) => k.startsWith('table:')).sort()).toEqual(scene.tables.map((t) => `table:${t.id}`).sort());
      const selfReferences = scene.connectors.filter((c) => c.from === c.to).length;
      expect(report.selfRelations).toBe(selfReferences);
      // Every relation is drawn: a self-reference as two legs through its loop circle.
      expect(view.connectors).toBe(scene.connectors.length + selfReferences);
      expect([...view.signed.keys()].filter((k) => k.startsWith('loop:'))).toHaveLength(selfReferences);
      expect([...view.signed.keys()].filter((k) => k.startsWith('frame:'))).toHaveLength(scene.frames.length);

      const again = await syncBoard(scene, harness.client(), { boardId: report.boardId! });
      expect(again.writeCalls).toBe(0);
      expect(again.unchanged).toEqual({ tables: scene.tables.length, relations: scene.connectors.length });
    });
  });
});
