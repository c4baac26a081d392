import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMiroEmulator } from '../../scripts/miro-emulator/index.js';
import type { MiroEmulator } from '../../scripts/miro-emulator/index.js';
import { api, createBoard, TOKEN } from './http.js';

let emulator: MiroEmulator;

beforeAll(async () => {
  emulator = await startMiroEmulator();
  emulator.tokens.issue(TOKEN);
});
afterAll(async () => {
  await emulator.close();
});

const shape = (x: number, y: number, content = 'table') => ({
  data: { shape: 'rectangle', content },
  style: { fillColor: '#ffffff', fontFamily: 'arial' },
  position: { x, y },
  geometry: { width: 200, height: 100 },
});

describe('boards', () => {
  it('creates a board and reads it back; an unknown board is a Miro 404 body', async () => {
    const created = await api(emulator, 'POST', '/v2/boards', { name: 'ERD', description: 'public schema' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: 'board', name: 'ERD', description: 'public schema' });
    const read = await api(emulator, 'GET', `/v2/boards/${encodeURIComponent(created.body.id)}`);
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(created.body.id);
    expect(emulator.boards.get(created.body.id)?.name).toBe('ERD');

    const missing = await api(emulator, 'GET', '/v2/boards/uXjVnope=');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 404, code: 'notFound', type: 'error' });
    expect(missing.body.message).toContain('uXjVnope=');
  });
});

describe('items', () => {
  it('creates, reads, updates and deletes a shape with numeric string ids and timestamps', async () => {
    const board = await createBoard(emulator);
    const created = await api(emulator, 'POST', `/v2/boards/${board}/shapes`, shape(10, 20));
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^\d+$/);
    expect(created.body).toMatchObject({
      type: 'shape',
      data: { shape: 'rectangle', content: 'table' },
      position: { x: 10, y: 20, origin: 'center', relativeTo: 'canvas_center' },
      geometry: { width: 200, height: 100 },
    });
    expect(Date.parse(created.body.createdAt)).not.toBeNaN();

    const updated = await api(emulator, 'PATCH', `/v2/boards/${board}/shapes/${created.body.id}`, {
      data: { content: 'renamed' },
      position: { x: 50 },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toEqual(expect.objectContaining({ shape: 'rectangle', content: 'renamed' }));
    expect(updated.body.position).toMatchObject({ x: 50, y: 20 });

    const generic = await api(emulator, 'GET', `/v2/boards/${board}/items/${created.body.id}`);
    expect(generic.body).toMatchObject({ id: created.body.id, type: 'shape' });
    // A shape is not a text: the typed endpoint does not find it.
    expect((await api(emulator, 'GET', `/v2/boards/${board}/texts/${created.body.id}`)).status).toBe(404);

    const deleted = await api(emulator, 'DELETE', `/v2/boards/${board}/shapes/${created.body.id}`);
    expect(deleted.status).toBe(204);
    expect((await api(emulator, 'GET', `/v2/boards/${board}/shapes/${created.body.id}`)).status).toBe(404);
  });

  it('rejects a shape name Miro does not know, though the create schema types it as a plain string', async () => {
    const board = await createBoard(emulator);
    const response = await api(emulator, 'POST', `/v2/boards/${board}/shapes`, { data: { shape: 'blob' } });
    expect(response.status).toBe(400);
    expect(response.body.context.fields[0].field).toBe('data.shape');
    expect(emulator.boards.get(board)?.items()).toHaveLength(0);
  });

  it('pages items with a cursor, filters by type, and lists connectors separately', async () => {
    const board = await createBoard(emulator);
    const ids: string[] = [];
    for (let index = 0; index < 23; index += 1) {
      const response = await api(emulator, 'POST', `/v2/boards/${board}/shapes`, shape(index * 300, 0, `t${index}`));
      ids.push(response.body.id);
    }
    await api(emulator, 'POST', `/v2/boards/${board}/texts`, { data: { content: 'title' } });
    await api(emulator, 'POST', `/v2/boards/${board}/connectors`, { startItem: { id: ids[0] }, endItem: { id: ids[1] } });

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = new URLSearchParams({ limit: '10', type: 'shape', ...(cursor ? { cursor } : {}) });
      const page = await api(emulator, 'GET', `/v2/boards/${board}/items?${query}`);
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(23);
      expect(page.body.size).toBe(page.body.data.length);
      seen.push(...page.body.data.map((item: { id: string }) => item.id));
      cursor = page.body.cursor;
      pages += 1;
    } while (cursor !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);

    const all = await api(emulator, 'GET', `/v2/boards/${board}/items?limit=50`);
    expect(all.body.data.map((item: { type: string }) => item.type).sort()).toEqual([...Array(23).fill('shape'), 'text']);
    expect(all.body.cursor).toBeUndefined();

    const connectors = await api(emulator, 'GET', `/v2/boards/${board}/connectors`);
    expect(connectors.body.data).toHaveLength(1);
    expect(connectors.body.data[0]).toMatchObject({ startItem: { id: ids[0] }, endItem: { id: ids[1] } });

    const forged = await api(emulator, 'GET', `/v2/boards/${board}/items?cursor=not-a-cursor`);
    expect(forged.status).toBe(400);
  });
});

describe('bulk create', () => {
  it('creates up to 20 items in one call and answers them in order', async () => {
    const board = await createBoard(emulator);
    const items = Array.from({ length: 20 }, (_, index) => ({ type: 'shape', ...shape(index, index, `b${index}`) }));
    const response = await api(emulator, 'POST', `/v2/boards/${board}/items/bulk`, items);
    expect(response.status).toBe(201);
    expect(response.body.data.map((item: { data: { content: string } }) => item.data.content)).toEqual(items.map((item) => item.data.content));
    expect(emulator.boards.get(board)?.items()).toHaveLength(20);
  });

  it('refuses 21 items and an empty list', async () => {
    const board = await createBoard(emulator);
    const items = Array.from({ length: 21 }, () => ({ type: 'shape', ...shape(0, 0) }));
    expect((await api(emulator, 'POST', `/v2/boards/${board}/items/bulk`, items)).status).toBe(400);
    expect((await api(emulator, 'POST', `/v2/boards/${board}/items/bulk`, [])).status).toBe(400);
    expect(emulator.boards.get(board)?.items()).toHaveLength(0);
  });

  it('is transactional: one invalid item and nothing is created, with the item index in the field', async () => {
    const board = await createBoard(emulator);
    const items = [
      { type: 'shape', ...shape(0, 0) },
      { type: 'text', data: { content: 'ok' } },
      { type: 'shape', data: { shape: 'rectangle' }, style: { borderStyle: 'wavy' } },
    ];
    const response = await api(emulator, 'POST', `/v2/boards/${board}/items/bulk`, items);
    expect(response.status).toBe(400);
    expect(response.body.context.fields[0].field).toBe('[2].style.borderStyle');
    expect(emulator.boards.get(board)?.items()).toHaveLength(0);

    // Semantically invalid (a parent that is not on the board) is all-or-nothing too.
    const orphan = await api(emulator, 'POST', `/v2/boards/${board}/items/bulk`, [
      { type: 'shape', ...shape(0, 0) },
      { type: 'shape', ...shape(0, 0), parent: { id: '1' } },
    ]);
    expect(orphan.status).toBe(400);
    expect(orphan.body.context.fields[0].field).toBe('[1].parent.id');
    expect(emulator.boards.get(board)?.items()).toHaveLength(0);
  });
});

describe('connectors', () => {
  it('attaches at relative positions or snapTo sides, and refuses missing items, frames and self-loops', async () => {
    const board = await createBoard(emulator);
    const a = (await api(emulator, 'POST', `/v2/boards/${board}/shapes`, shape(0, 0))).body.id;
    const b = (await api(emulator, 'POST', `/v2/boards/${board}/shapes`, shape(500, 0))).body.id;
    const frame = (await api(emulator, 'POST', `/v2/boards/${board}/frames`, { data: { title: 'f' } })).body.id;

    const created = await api(emulator, 'POST', `/v2/boards/${board}/connectors`, {
      startItem: { id: a, position: { x: '50%', y: '0%' } },
      endItem: { id: b, snapTo: 'left' },
      shape: 'elbowed',
      style: { startStrokeCap: 'erd_one', endStrokeCap: 'erd_zero_or_many' },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      shape: 'elbowed',
      startItem: { id: a, position: { x: '50%', y: '0%' } },
      endItem: { id: b, position: { x: '0%', y: '50%' } },
      style: { startStrokeCap: 'erd_one', endStrokeCap: 'erd_zero_or_many' },
    });
    const auto = await api(emulator, 'POST', `/v2/boards/${board}/connectors`, { startItem: { id: a }, endItem: { id: b } });
    expect(auto.body.startItem.position).toEqual({ x: '100%', y: '50%' });

    const failures = await Promise.all([
      api(emulator, 'POST', `/v2/boards/${board}/connectors`, { startItem: { id: a }, endItem: { id: '42' } }),
      api(emulator, 'POST', `/v2/boards/${board}/connectors`, { startItem: { id: a }, endItem: { id: frame } }),
      api(emulator, 'POST', `/v2/boards/${board}/connectors`, { startItem: { id: a }, endItem: { id: a } }),
      api(emulator, 'POST', `/v2/boards/${board}/connectors`, { startItem: { id: a, position: { x: '120%', y: '0%' } }, endItem: { id: b } }),
      api(emulator, 'POST', `/v2/boards/${board}/connectors`, { startItem: { id: a }, endItem: { id: b, snapTo: 'top', position: { x: '1%', y: '1%' } } }),
      api(emulator, 'POST', `/v2/boards/${board}/connectors`, { startItem: { id: a }, endItem: { id: b }, style: { endStrokeCap: 'erd_lots' } }),
    ]);
    expect(failures.map((response) => [response.status, response.body.context?.fields?.[0]?.field])).toEqual([
      [400, 'endItem.id'],
      [400, 'endItem.id'],
      [400, 'endItem.id'],
      [400, 'startItem.position.x'],
      [400, 'endItem'],
      [400, 'style.endStrokeCap'],
    ]);

    const patched = await api(emulator, 'PATCH', `/v2/boards/${board}/connectors/${created.body.id}`, { captions: [{ content: 'fk_a_b' }] });
    expect(patched.body.captions).toEqual([{ content: 'fk_a_b' }]);
    expect(patched.body.startItem.id).toBe(a);
  });

  it('deleting a shape removes the connectors attached to it, and only those', async () => {
    const board = await createBoard(emulator);
    const [a, b, c] = await Promise.all([0, 1, 2].map(async (i) => (await api(emulator, 'POST', `/v2/boards/${board}/shapes`, shape(i * 400, 0))).body.id));
    const ab = (await api(emulator, 'POST', `/v2/boards/${board}/connectors`, { startItem: { id: a }, endItem: { id: b } })).body.id;
    const bc = (await api(emulator, 'POST', `/v2/boards/${board}/connectors`, { startItem: { id: b }, endItem: { id: c } })).body.id;
    const ca = (await api(emulator, 'POST', `/v2/boards/${board}/connectors`, { startItem: { id: c }, endItem: { id: a } })).body.id;

    expect((await api(emulator, 'DELETE', `/v2/boards/${board}/items/${b}`)).status).toBe(204);
    const remaining = (await api(emulator, 'GET', `/v2/boards/${board}/connectors?limit=50`)).body.data.map((connector: { id: string }) => connector.id);
    expect(remaining).toEqual([ca]);
    expect((await api(emulator, 'GET', `/v2/boards/${board}/connectors/${ab}`)).status).toBe(404);
    expect((await api(emulator, 'GET', `/v2/boards/${board}/connectors/${bc}`)).status).toBe(404);
  });
});

describe('frames', () => {
  it('positions children relative to the frame top-left corner, and they move with the frame', async () => {
    const board = await createBoard(emulator);
    const frame = await api(emulator, 'POST', `/v2/boards/${board}/frames`, {
      data: { title: 'public', format: 'custom' },
      position: { x: 1000, y: 500 },
      geometry: { width: 800, height: 600 },
    });
    expect(frame.status).toBe(201);
    const child = await api(emulator, 'POST', `/v2/boards/${board}/shapes`, { ...shape(100, 50), parent: { id: frame.body.id } });
    expect(child.status).toBe(201);
    expect(child.body.position).toMatchObject({ x: 100, y: 50, relativeTo: 'parent_top_left' });
    expect(child.body.parent.id).toBe(frame.body.id);

    const store = emulator.boards.get(board)!;
    // Frame top-left is (1000 - 400, 500 - 300) = (600, 200).
    expect(store.absolutePosition(store.item(child.body.id))).toEqual({ x: 700, y: 250 });

    await api(emulator, 'PATCH', `/v2/boards/${board}/frames/${frame.body.id}`, { position: { x: 0, y: 0 } });
    expect(store.absolutePosition(store.item(child.body.id))).toEqual({ x: -300, y: -250 });

    // Moving a canvas item into the frame keeps it where it is on the canvas.
    const loose = await api(emulator, 'POST', `/v2/boards/${board}/texts`, { data: { content: 'note' }, position: { x: 10, y: 20 } });
    const moved = await api(emulator, 'PATCH', `/v2/boards/${board}/items/${loose.body.id}`, { parent: { id: frame.body.id } });
    expect(moved.status).toBe(200);
    expect(moved.body.position).toMatchObject({ x: 410, y: 320, relativeTo: 'parent_top_left' });

    // Only frames are parents.
    const notFrame = await api(emulator, 'POST', `/v2/boards/${board}/shapes`, { ...shape(0, 0), parent: { id: child.body.id } });
    expect(notFrame.status).toBe(400);
    expect(notFrame.body.context.fields[0].field).toBe('parent.id');

    // Deleting the frame leaves its children on the canvas where they were.
    await api(emulator, 'DELETE', `/v2/boards/${board}/frames/${frame.body.id}`);
    const orphan = await api(emulator, 'GET', `/v2/boards/${board}/shapes/${child.body.id}`);
    expect(orphan.body.position).toMatchObject({ x: -300, y: -250, relativeTo: 'canvas_center' });
    expect(orphan.body.parent).toBeUndefined();
  });
});
