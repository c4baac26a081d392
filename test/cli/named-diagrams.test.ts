/**
 * Named diagrams from the config file: each subset is its own frame on the board beside the whole schema,
 * kept current by the same run; the same table drawn in several diagrams is one item per diagram.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/exit-codes.js';
import { runCli, type CliRun } from './support/run-cli.js';
import { CONFIG_FILE_NAME } from '../../src/config/index.js';
import { readSignature, signatureKey } from '../../src/board/signature.js';
import { startMiroEmulator, type MiroEmulator } from '../../scripts/miro-emulator/index.js';
import { fixture, freshDatabase, type FreshDatabase } from '../support/database.js';
import { duplicatesOf, sentText, viewBoard } from '../sync/harness.js';

const TOKEN = 'named-diagrams-token';
let emulator: MiroEmulator;
let db: FreshDatabase;
let work: string;
let sourceConfig: Record<string, unknown>;
let sourceArgs: string[];

function run(args: string[]): Promise<CliRun> {
  return runCli([...sourceArgs, ...args], { work, token: TOKEN, apiUrl: emulator.url });
}

async function writeConfig(config: Record<string, unknown>): Promise<void> {
  await writeFile(join(work, CONFIG_FILE_NAME), JSON.stringify({ ...sourceConfig, ...config }, null, 2));
}

/** Signature key -> the key of the frame the item sits in (or '-'). */
function parents(boardId: string): Map<string, string> {
  const board = emulator.boards.require(boardId);
  const keyOf = new Map<string, string>();
  for (const item of board.items()) {
    const signature = readSignature(sentText(item));
    if (signature !== null) keyOf.set(item.id, signatureKey(signature));
  }
  const result = new Map<string, string>();
  for (const item of board.items()) {
    const key = keyOf.get(item.id);
    if (key !== undefined) result.set(key, item.parentId === undefined ? '-' : (keyOf.get(item.parentId) ?? '?'));
  }
  return result;
}

beforeAll(async () => {
  emulator = await startMiroEmulator();
  emulator.tokens.issue(TOKEN);
  work = await mkdtemp(join(tmpdir(), 's2m-named-'));
  db = await freshDatabase('named_diagrams');
  await db.loadFile(fixture('shop.sql'));
  // The source comes from the config (sql) or a flag (db): both paths of the merge are exercised.
  sourceConfig = db.kind === 'server' ? {} : { sql: [fixture('shop.sql')] };
  sourceArgs = db.kind === 'server' ? ['--db', db.url] : [];
}, 60_000);

afterAll(async () => {
  await emulator?.close();
  await db?.drop();
});

describe('named diagrams in the config', () => {
  let boardId = '';

  it('draws each subset in its own frame beside the whole schema, one item per table per diagram', async () => {
    const board = await (async () => {
      await writeConfig({});
      const created = await run(['--board-name', 'Shop', '--json']);
      expect(created.code, created.stderr).toBe(ExitCode.ok);
      return (JSON.parse(created.stdout) as { board: { id: string } }).board.id;
    })();
    boardId = board;
    await writeConfig({
      board: boardId,
      diagrams: [
        { name: 'Orders', focus: 'orders', depth: 1 },
        { name: 'Catalogue', tables: ['products', 'public.categories'] },
      ],
    });
    const result = await run(['--json']);
    expect(result.code, result.stderr).toBe(ExitCode.ok);
    const json = JSON.parse(result.stdout) as { changes: { tablesAdded: string[] } };
    // The report speaks of the schema's tables, not of the diagrams' copies.
    expect(json.changes.tablesAdded).toEqual([]);

    const view = viewBoard(emulator, boardId);
    expect(duplicatesOf(view)).toEqual([]);
    const where = parents(boardId);
    expect(where.get('frame:diagram:Orders')).toBe('-');
    expect(where.get('frame:diagram:Catalogue')).toBe('-');
    const orders = [...where].filter(([, parent]) => parent === 'frame:diagram:Orders').map(([key]) => key).sort();
    // Its tables, and the legend of the enum type order_status that orders.status shows.
    expect(orders).toEqual([
      'diagram:Orders/enums:',
      ...['addresses', 'customers', 'order_items', 'orders', 'payments'].map((t) => `table:diagram:Orders/public.${t}`),
    ]);
    const catalogue = [...where].filter(([, parent]) => parent === 'frame:diagram:Catalogue').map(([key]) => key).sort();
    // categories.parent_id refers to categories itself: drawn through a loop circle in the same frame.
    expect(catalogue).toEqual([
      'loop:diagram:Catalogue/public.categories.categories_parent_id_fkey',
      'table:diagram:Catalogue/public.categories',
      'table:diagram:Catalogue/public.products',
    ]);
    // The whole schema is still there, once.
    expect([...where.keys()].filter((k) => /^table:public\./.test(k))).toHaveLength(8);
    // Relations inside a diagram join that diagram's copies.
    expect(view.links).toContain('table:diagram:Catalogue/public.products -> table:diagram:Catalogue/public.categories');
    expect(view.links.filter((l) => l.includes('diagram:') && !/^(?:table|loop):diagram:(\w+)\/.* -> (?:table|loop):diagram:\1\//.test(l))).toEqual([]);

    // Frames do not overlap the whole schema or each other.
    const frames = emulator.boards.require(boardId).items().filter((i) => i.type === 'frame');
    const boxes = frames.map((f) => ({ l: f.position.x - (f.geometry.width ?? 0) / 2, r: f.position.x + (f.geometry.width ?? 0) / 2 }));
    boxes.sort((a, b) => a.l - b.l);
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.l).toBeGreaterThanOrEqual(boxes[i - 1]!.r);

    const writes = emulator.stats.writes;
    const again = await run(['--json']);
    expect(again.code).toBe(ExitCode.ok);
    expect(emulator.stats.writes).toBe(writes);
  });

  it('a diagram removed from the config goes from the board with its frame', async () => {
    await writeConfig({ board: boardId, diagrams: [{ name: 'Orders', focus: 'orders', depth: 1 }] });
    const result = await run([]);
    expect(result.code, result.stderr).toBe(ExitCode.ok);
    const where = parents(boardId);
    expect([...where.keys()].filter((k) => k.includes('Catalogue')), result.stdout).toEqual([]);
    expect([...where.keys()].filter((k) => k.startsWith('table:diagram:Orders/'))).toHaveLength(5);
  });

  it('a diagram whose filters match nothing is a usage error naming the diagram', async () => {
    await writeConfig({ board: boardId, diagrams: [{ name: 'Ghost', include: ['nothing_*'] }] });
    const result = await run([]);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(/^schema-to-miro: config diagram "Ghost": no table is left after include/);
  });
});
