import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '../../src/miro/client.js';
import { startEmulatedMiro } from './support/emulated-miro.js';

describe('MiroClient reads, over HTTP against the emulator', () => {
  it('gets a board', async () => {
    const { client, boardId } = await startEmulatedMiro();
    const board = await client.getBoard(boardId);
    expect(board.id).toBe(boardId);
    expect(board.name).toBe('Test board');
    expect(client.stats).toMatchObject({ calls: 1, writeCalls: 0, credits: 50, byOperation: { 'get-specific-board': 1 } });
  });

  it('lists every item across many pages (cursor paging, 50 per page)', async () => {
    const { emulator, client, boardId } = await startEmulatedMiro();
    const board = emulator.boards.get(boardId)!;
    for (let index = 0; index < 237; index += 1) {
      board.createItem({ type: index % 3 === 0 ? 'text' : 'shape', data: index % 3 === 0 ? { content: `t${index}` } : { shape: 'rectangle', content: `s${index}` }, position: { x: index, y: 0 } }, 'user-1');
    }
    const items = await client.listItems(boardId);
    expect(items).toHaveLength(237);
    expect(new Set(items.map((item) => item.id)).size).toBe(237);
    expect(client.stats.byOperation['get-items']).toBe(5);

    const texts = await client.listItems(boardId, { type: 'text' });
    expect(texts).toHaveLength(79);
    expect(texts.every((item) => item.type === 'text')).toBe(true);
  });

  it('lists every connector across pages', async () => {
    const { emulator, client, boardId } = await startEmulatedMiro();
    const board = emulator.boards.get(boardId)!;
    const a = board.createItem({ type: 'shape', data: { shape: 'rectangle' }, position: { x: 0, y: 0 } }, 'user-1');
    const b = board.createItem({ type: 'shape', data: { shape: 'rectangle' }, position: { x: 500, y: 0 } }, 'user-1');
    for (let index = 0; index < 120; index += 1) board.createConnector({ startItem: { id: a.id }, endItem: { id: b.id } }, 'user-1');
    const connectors = await client.listConnectors(boardId);
    expect(connectors).toHaveLength(120);
    expect(connectors.every((connector) => connector.startItem?.id === a.id && connector.endItem?.id === b.id)).toBe(true);
    expect(client.stats.byOperation['get-connectors']).toBe(3);
  });

  it('returns an empty list for an empty board in one call', async () => {
    const { client, boardId } = await startEmulatedMiro();
    expect(await client.listItems(boardId)).toEqual([]);
    expect(await client.listConnectors(boardId)).toEqual([]);
    expect(client.stats.calls).toBe(2);
  });

  it('reports each exchange to onRequest', async () => {
    const events: RequestEvent[] = [];
    const { client, boardId } = await startEmulatedMiro({ client: { onRequest: (event) => events.push(event) } });
    await client.getBoard(boardId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'response', operationId: 'get-specific-board', method: 'GET', status: 200, attempt: 1, credits: 50 });
  });
});
