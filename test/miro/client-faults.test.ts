import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MiroCallError } from '../../src/miro/call-errors.js';
import { MiroClient, type RequestEvent } from '../../src/miro/client.js';
import { StaticTokenProvider } from '../../src/miro/credentials.js';
import { rejectionOf, shapeBody, startEmulatedMiro, TEST_TOKEN } from './support/emulated-miro.js';

describe('MiroClient under faults, over HTTP against the emulator', () => {
  it('retries 5xx answers with backoff, then succeeds', async () => {
    const events: RequestEvent[] = [];
    const { emulator, client, boardId } = await startEmulatedMiro({ client: { onRequest: (event) => events.push(event) } });
    emulator.faults.failNext(2, { status: 503 });
    const board = await client.getBoard(boardId);
    expect(board.id).toBe(boardId);
    expect(client.stats).toMatchObject({ calls: 3, retries: 2 });
    expect(events.filter((event) => event.type === 'retry').map((event) => event.type === 'retry' && event.reason)).toEqual(['HTTP 503', 'HTTP 503']);
  });

  it('retries a create that got a 5xx (Miro applied nothing) and makes the item once', async () => {
    const { emulator, client, boardId } = await startEmulatedMiro();
    emulator.faults.failNext(3, { status: 500, operationId: 'create-shape-item' });
    await client.createShape(boardId, shapeBody(1));
    expect(emulator.boards.get(boardId)!.items()).toHaveLength(1);
    expect(client.stats.retries).toBe(3);
  });

  it('retries reads, updates and deletes whose connection dropped', async () => {
    const { emulator, client, boardId } = await startEmulatedMiro();
    const shape = await client.createShape(boardId, shapeBody(1));
    emulator.faults.dropNext(2, { operationId: 'get-items' });
    expect(await client.listItems(boardId)).toHaveLength(1);
    emulator.faults.dropNext(1, { operationId: 'update-shape-item', afterHandling: true });
    await client.updateShape(boardId, shape.id, { data: { shape: 'round_rectangle' } });
    expect(emulator.boards.get(boardId)!.item(shape.id).data['shape']).toBe('round_rectangle');
    emulator.faults.dropNext(1, { operationId: 'delete-item', afterHandling: true });
    await client.deleteItem(boardId, shape.id); // the retry finds it gone (404): done
    expect(emulator.boards.get(boardId)!.items()).toHaveLength(0);
    expect(client.stats.retries).toBe(4);
  });

  it('does not repeat a create whose connection dropped after sending, and says the outcome is unknown', async () => {
    const { emulator, client, boardId } = await startEmulatedMiro();
    emulator.faults.dropNext(1, { operationId: 'create-shape-item', afterHandling: true });
    const error = await rejectionOf(client.createShape(boardId, shapeBody(1)));
    expect(error).toBeInstanceOf(MiroCallError);
    expect(error).toMatchObject({ kind: 'miro', status: null, operationId: 'create-shape-item', outcomeUnknown: true });
    expect(error.message).toMatch(/may or may not have been created/);
    // Miro made it once; the client did not make it twice.
    expect(emulator.boards.get(boardId)!.items()).toHaveLength(1);
    expect(client.stats.byOperation['create-shape-item']).toBe(1);
  });

  it('repeats such a create when the caller opts in', async () => {
    const { emulator, client, boardId } = await startEmulatedMiro({ client: { retryUncertainCreates: true } });
    emulator.faults.dropNext(1, { operationId: 'create-items' });
    const created = await client.createItems(boardId, [{ type: 'shape', data: { shape: 'rectangle' } }]);
    expect(created).toHaveLength(1);
    expect(emulator.boards.get(boardId)!.items()).toHaveLength(1);
  });

  it('gives up after maxRetries with a message naming the status and the attempts', async () => {
    const { emulator, client, boardId } = await startEmulatedMiro({ client: { maxRetries: 3 } });
    emulator.faults.failNext(10, { status: 502 });
    const error = await rejectionOf(client.getBoard(boardId));
    expect(error).toBeInstanceOf(MiroCallError);
    expect(error).toMatchObject({ kind: 'miro', status: 502 });
    expect(error.message).toBe(`Miro kept failing get-specific-board on board ${boardId}: HTTP 502 after 4 attempts (Injected fault: 502)`);
    expect(client.stats.calls).toBe(4);
  });

  it('gives up on a server that drops every connection, with a clear message', async () => {
    const { emulator, client, boardId } = await startEmulatedMiro({ client: { maxRetries: 2 } });
    emulator.faults.crashAfterWrites(0);
    const error = await rejectionOf(client.listItems(boardId));
    expect(error).toMatchObject({ kind: 'miro', status: null, outcomeUnknown: false });
    expect(error.message).toMatch(new RegExp(`^could not reach Miro at 127\\.0\\.0\\.1:\\d+ for get-items on board ${boardId.replace(/[=]/g, '\\=')}: ECONNRESET after 3 attempts$`));
  });

  it('retries a refused connection, even for a create, and reports it when it persists', async () => {
    // A port nobody listens on: bind one, note it, close it.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const client = new MiroClient({
      baseUrl: `http://127.0.0.1:${port}`,
      credentials: new StaticTokenProvider(TEST_TOKEN, 'MIRO_ACCESS_TOKEN'),
      maxRetries: 2,
      backoff: { baseMs: 5, maxMs: 10 },
    });
    try {
      const error = await rejectionOf(client.createShape('uXjVOD6LSME=', shapeBody(1)));
      expect(error).toMatchObject({ kind: 'miro', outcomeUnknown: false });
      expect(error.message).toBe(`could not reach Miro at 127.0.0.1:${port} for create-shape-item on board uXjVOD6LSME=: ECONNREFUSED after 3 attempts`);
      expect(client.stats.retries).toBe(2);
    } finally {
      client.close();
    }
  });

  it('survives random 5xx on a stream of writes without losing or duplicating anything', async () => {
    const { emulator, client, boardId } = await startEmulatedMiro({ client: { maxRetries: 8 } });
    emulator.faults.failRandomly(0.3, { seed: 7, status: 503 });
    await Promise.all(Array.from({ length: 40 }, (_, index) => client.createShape(boardId, shapeBody(index))));
    const contents = emulator.boards.get(boardId)!.items().map((item) => item.data['content']).sort();
    expect(contents).toEqual(Array.from({ length: 40 }, (_, index) => `<p>table_${index}</p>`).sort());
    expect(client.stats.retries).toBeGreaterThan(0);
  });
});
