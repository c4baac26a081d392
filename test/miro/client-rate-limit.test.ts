import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '../../src/miro/client.js';
import { shapeBody, startEmulatedMiro } from './support/emulated-miro.js';

describe('MiroClient and the credit rate limit, over HTTP against the emulator', () => {
  it('sends a burst that fits the budget at once, without a 429 or a wait', async () => {
    const { emulator, client, boardId } = await startEmulatedMiro({ emulator: { creditsPerMinute: 5_000, windowMs: 60_000 } });
    await Promise.all(Array.from({ length: 40 }, (_, index) => client.createShape(boardId, shapeBody(index))));
    expect(emulator.stats.rejected429).toBe(0);
    expect(client.stats.rateLimitWaits).toBe(0);
    expect(client.rateLimitState()).toMatchObject({ limit: 5_000, remaining: 1_000, windowKnown: true });
  });

  it('paces a burst larger than the budget across windows with no 429', async () => {
    const { emulator, client, boardId } = await startEmulatedMiro({ emulator: { creditsPerMinute: 1_000, windowMs: 1_000 } });
    await client.getBoard(boardId); // the first answer tells the client the budget and the window
    const started = Date.now();
    await Promise.all(Array.from({ length: 25 }, (_, index) => client.createShape(boardId, shapeBody(index))));
    const elapsed = Date.now() - started;
    expect(emulator.stats.rejected429).toBe(0);
    expect(emulator.boards.get(boardId)!.items()).toHaveLength(25);
    expect(client.stats.rateLimitWaits).toBeGreaterThan(0);
    // 2,550 credits at 1,000 per second: the third window at the latest (a window in progress counts).
    expect(elapsed).toBeGreaterThanOrEqual(1_000);
    expect(elapsed).toBeLessThan(4_000);
  });

  it('survives a 429 storm: waits for the reset and makes every item exactly once', async () => {
    const events: RequestEvent[] = [];
    // The client assumes Miro's 100,000 credits until told otherwise, so its first wave overshoots this budget.
    const { emulator, client, boardId } = await startEmulatedMiro({
      emulator: { creditsPerMinute: 500, windowMs: 1_000 },
      client: { onRequest: (event) => events.push(event) },
    });
    await Promise.all(Array.from({ length: 16 }, (_, index) => client.createShape(boardId, shapeBody(index))));
    const contents = emulator.boards.get(boardId)!.items().map((item) => item.data['content']).sort();
    expect(contents).toEqual(Array.from({ length: 16 }, (_, index) => `<p>table_${index}</p>`).sort());
    expect(emulator.stats.rejected429).toBeGreaterThan(0);
    expect(events.filter((event) => event.type === 'response' && event.status === 429)).toHaveLength(emulator.stats.rejected429);
    expect(client.stats.credits).toBe(1_600);
    expect(client.stats.rateLimitWaits).toBeGreaterThan(0);
    expect(events.some((event) => event.type === 'rate_limit_wait' && event.waitedMs > 0)).toBe(true);
    // Once the client knew the budget, it stopped running into it: no more 429s than the first wave held.
    expect(emulator.stats.rejected429).toBeLessThanOrEqual(8 - 5);
  });

  it('paces bulk creates (100 credits per item) under a small budget', async () => {
    const { emulator, client, boardId } = await startEmulatedMiro({ emulator: { creditsPerMinute: 4_000, windowMs: 1_000 } });
    await client.getBoard(boardId);
    const items = Array.from({ length: 100 }, (_, index) => ({ type: 'shape' as const, data: { shape: 'rectangle', content: `${index}` } }));
    const created = await client.createItems(boardId, items);
    expect(created).toHaveLength(100);
    expect(emulator.stats.rejected429).toBe(0);
    expect(emulator.boards.get(boardId)!.items()).toHaveLength(100);
  });
});
