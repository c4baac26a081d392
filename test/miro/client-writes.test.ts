import { describe, expect, it } from 'vitest';
import { createAxiosTransport, type HttpTransport } from '../../src/miro/http-transport.js';
import type { MiroItemCreate as BulkItemCreate } from '../../src/miro/openapi/index.js';
import { shapeBody, startEmulatedMiro } from './support/emulated-miro.js';

describe('MiroClient writes, over HTTP against the emulator', () => {
  it('creates a board', async () => {
    const { emulator, client } = await startEmulatedMiro();
    const board = await client.createBoard({ name: 'ERD: shop', description: 'made by a test' });
    expect(board.name).toBe('ERD: shop');
    expect(emulator.boards.get(board.id)?.id).toBe(board.id);
    expect(client.stats).toMatchObject({ writeCalls: 1, credits: 500 });
  });

  it('creates items in bulk calls of at most 20, in input order, costing 100 credits per item', async () => {
    const { emulator, client, boardId } = await startEmulatedMiro();
    const items: BulkItemCreate[] = Array.from({ length: 47 }, (_, index) => ({
      type: 'shape',
      data: { shape: 'rectangle', content: `<p>table_${index}</p>` },
      position: { x: index * 10, y: 0 },
    }));
    const created = await client.createItems(boardId, items);
    expect(created).toHaveLength(47);
    const contents = created.map((item) => (item.data !== undefined && 'content' in item.data ? item.data.content : undefined));
    expect(contents).toEqual(Array.from({ length: 47 }, (_, index) => `<p>table_${index}</p>`));
    expect(client.stats.byOperation['create-items']).toBe(3);
    expect(client.stats.credits).toBe(4_700);
    expect(emulator.boards.get(boardId)!.items()).toHaveLength(47);
  });

  it('sends no request for an empty bulk create', async () => {
    const { client, boardId } = await startEmulatedMiro();
    expect(await client.createItems(boardId, [])).toEqual([]);
    expect(client.stats.calls).toBe(0);
  });

  it('creates, updates and deletes shapes, texts and frames', async () => {
    const { emulator, client, boardId } = await startEmulatedMiro();
    const shape = await client.createShape(boardId, shapeBody(1));
    const updated = await client.updateShape(boardId, shape.id, { data: { shape: 'rectangle', content: '<p>renamed</p>' } });
    expect(updated.data?.content).toBe('<p>renamed</p>');

    const text = await client.createText(boardId, { data: { content: 'title' }, position: { x: 0, y: -200 } });
    await client.updateText(boardId, text.id, { data: { content: 'new title' } });

    const frame = await client.createFrame(boardId, { data: { title: 'public', format: 'custom', type: 'freeform', showContent: true }, position: { x: 0, y: 0 }, geometry: { width: 2000, height: 1000 } });
    const renamed = await client.updateFrame(boardId, frame.id, { data: { title: 'sales', format: 'custom', type: 'freeform', showContent: true } });
    expect(renamed.data?.title).toBe('sales');

    await client.updateItem(boardId, shape.id, { position: { x: 42, y: 24 } });
    const moved = await client.getItem(boardId, shape.id);
    expect(moved.position).toMatchObject({ x: 42, y: 24 });

    await client.deleteItem(boardId, text.id);
    expect(emulator.boards.get(boardId)!.items().map((item) => item.id).sort()).toEqual([frame.id, shape.id].sort());
    expect(client.stats.writeCalls).toBe(8);
  });

  it('treats deleting an item or connector that is already gone as done', async () => {
    const { client, boardId } = await startEmulatedMiro();
    const shape = await client.createShape(boardId, shapeBody(1));
    await client.deleteItem(boardId, shape.id);
    await expect(client.deleteItem(boardId, shape.id)).resolves.toBeUndefined();
    await expect(client.deleteConnector(boardId, '3458764599999999999')).resolves.toBeUndefined();
  });

  it('creates, updates and deletes connectors', async () => {
    const { emulator, client, boardId } = await startEmulatedMiro();
    const [a, b] = await client.createItems(boardId, [
      { type: 'shape', data: { shape: 'rectangle' }, position: { x: 0, y: 0 } },
      { type: 'shape', data: { shape: 'rectangle' }, position: { x: 400, y: 0 } },
    ]);
    const connector = await client.createConnector(boardId, {
      startItem: { id: a!.id, position: { x: '100%', y: '30%' } },
      endItem: { id: b!.id, position: { x: '0%', y: '50%' } },
      shape: 'elbowed',
      style: { startStrokeCap: 'erd_many', endStrokeCap: 'erd_only_one' },
    });
    expect(connector.startItem?.id).toBe(a!.id);
    const updated = await client.updateConnector(boardId, connector.id, { style: { strokeStyle: 'dashed' } });
    expect(updated.style?.strokeStyle).toBe('dashed');
    await client.deleteConnector(boardId, connector.id);
    expect(emulator.boards.get(boardId)!.connectors()).toHaveLength(0);
  });

  it('sends several independent writes in parallel, never more than `concurrency` at once', async () => {
    // Count requests on the wire by wrapping the real HTTP transport.
    const http = createAxiosTransport({ maxSockets: 8 });
    let inFlight = 0;
    let peak = 0;
    const countingTransport: HttpTransport = {
      async send(request) {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        try {
          return await http.send(request);
        } finally {
          inFlight -= 1;
        }
      },
      close: () => http.close(),
    };
    const { emulator, client, boardId } = await startEmulatedMiro({ client: { concurrency: 4, transport: countingTransport } });
    emulator.faults.setLatency(30);
    await Promise.all(Array.from({ length: 16 }, (_, index) => client.createShape(boardId, shapeBody(index))));
    expect(emulator.boards.get(boardId)!.items()).toHaveLength(16);
    // With 30 ms per call, 16 calls overlap: exactly 4 on the wire at the peak, never more (wall time is the benchmark's business).
    expect(peak).toBe(4);
  });
});
