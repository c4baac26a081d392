import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMiroEmulator } from '../../scripts/miro-emulator/index.js';
import type { MiroEmulator } from '../../scripts/miro-emulator/index.js';
import { api, TOKEN } from './http.js';

let emulator: MiroEmulator;

afterEach(async () => {
  await emulator.close();
});

function boardOf(target: MiroEmulator): string {
  return target.boards.create({ name: 'b', teamId: '1', ownerId: '2' }).id;
}

describe('rate limits', () => {
  let clock: number;

  beforeEach(async () => {
    clock = Date.UTC(2025, 0, 1, 12, 0, 10);
    emulator = await startMiroEmulator({ creditsPerMinute: 1000, now: () => clock });
    emulator.tokens.issue(TOKEN);
  });

  it('charges each operation its level, answers 429 with headers when over budget, and resets with the window', async () => {
    const board = boardOf(emulator);
    const windowEnd = String(Date.UTC(2025, 0, 1, 12, 1, 0) / 1000);

    const read = await api(emulator, 'GET', `/v2/boards/${board}`); // level 1: 50 credits
    expect(read.headers.get('x-ratelimit-limit')).toBe('1000');
    expect(read.headers.get('x-ratelimit-remaining')).toBe('950');
    expect(read.headers.get('x-ratelimit-reset')).toBe(windowEnd);

    const bulk = Array.from({ length: 5 }, () => ({ type: 'shape', data: { shape: 'circle' } }));
    const created = await api(emulator, 'POST', `/v2/boards/${board}/items/bulk`, bulk); // level 2 per item: 500
    expect(created.status).toBe(201);
    expect(created.headers.get('x-ratelimit-remaining')).toBe('450');

    const id = created.body.data[0].id;
    const limited = await api(emulator, 'DELETE', `/v2/boards/${board}/items/${id}`); // level 3: 500 > 450
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ status: 429, code: 'tooManyRequests', type: 'error' });
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('450');
    expect(limited.headers.get('x-ratelimit-reset')).toBe(windowEnd);
    expect(emulator.boards.get(board)?.items()).toHaveLength(5);
    // A cheaper call still fits: a rejected call cost nothing.
    expect((await api(emulator, 'GET', `/v2/boards/${board}/items/${id}`)).headers.get('x-ratelimit-remaining')).toBe('400');

    clock = Date.UTC(2025, 0, 1, 12, 1, 0);
    const afterReset = await api(emulator, 'DELETE', `/v2/boards/${board}/items/${id}`);
    expect(afterReset.status).toBe(204);
    expect(afterReset.headers.get('x-ratelimit-remaining')).toBe('500');
    expect(afterReset.headers.get('x-ratelimit-reset')).toBe(String(Date.UTC(2025, 0, 1, 12, 2, 0) / 1000));
    expect(emulator.stats).toMatchObject({ rejected429: 1, credits: 50 + 500 + 50 + 500 });
  });

  it('keeps one budget per token', async () => {
    const board = boardOf(emulator);
    emulator.tokens.issue('other');
    for (let i = 0; i < 20; i += 1) await api(emulator, 'GET', `/v2/boards/${board}`);
    expect((await api(emulator, 'GET', `/v2/boards/${board}`)).status).toBe(429);
    expect((await api(emulator, 'GET', `/v2/boards/${board}`, undefined, 'other')).headers.get('x-ratelimit-remaining')).toBe('950');
  });

  it('supports a short window for tests that run through several windows', async () => {
    await emulator.close();
    emulator = await startMiroEmulator({ creditsPerMinute: 100, windowMs: 1000, now: () => clock });
    emulator.tokens.issue(TOKEN);
    const board = boardOf(emulator);
    expect((await api(emulator, 'GET', `/v2/boards/${board}`)).status).toBe(200);
    expect((await api(emulator, 'GET', `/v2/boards/${board}`)).status).toBe(200);
    expect((await api(emulator, 'GET', `/v2/boards/${board}`)).status).toBe(429);
    clock += 1000;
    expect((await api(emulator, 'GET', `/v2/boards/${board}`)).status).toBe(200);
  });
});

describe('faults', () => {
  beforeEach(async () => {
    emulator = await startMiroEmulator();
    emulator.tokens.issue(TOKEN);
  });

  it('fails the next N requests with a 5xx, optionally for one operation only, without applying them', async () => {
    const board = boardOf(emulator);
    emulator.faults.failNext(2, { status: 503, operationId: 'create-shape-item' });
    expect((await api(emulator, 'GET', `/v2/boards/${board}`)).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await api(emulator, 'POST', `/v2/boards/${board}/shapes`, {})).status);
    expect(statuses).toEqual([503, 503, 201]);
    expect(emulator.boards.get(board)?.items()).toHaveLength(1);
    expect(emulator.stats.faultsInjected).toBe(2);
  });

  it('fails with a seeded probability, the same way on every run', async () => {
    const board = boardOf(emulator);
    const run = async (): Promise<number[]> => {
      emulator.faults.clear().failRandomly(0.3, { seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i += 1) statuses.push((await api(emulator, 'GET', `/v2/boards/${board}`)).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    const failures = first.filter((status) => status === 503).length;
    expect(failures).toBeGreaterThan(4);
    expect(failures).toBeLessThan(24);
    expect(first.every((status) => status === 200 || status === 503)).toBe(true);
  });

  it('drops connections before or after applying the request', async () => {
    const board = boardOf(emulator);
    emulator.faults.dropNext(1);
    await expect(api(emulator, 'POST', `/v2/boards/${board}/shapes`, {})).rejects.toThrow();
    expect(emulator.boards.get(board)?.items()).toHaveLength(0);

    emulator.faults.dropNext(1, { afterHandling: true });
    await expect(api(emulator, 'POST', `/v2/boards/${board}/shapes`, {})).rejects.toThrow();
    expect(emulator.boards.get(board)?.items()).toHaveLength(1);
    expect((await api(emulator, 'POST', `/v2/boards/${board}/shapes`, {})).status).toBe(201);
  });

  it('adds latency to every request', async () => {
    const board = boardOf(emulator);
    emulator.faults.setLatency(80);
    const started = performance.now();
    await api(emulator, 'GET', `/v2/boards/${board}`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });

  it('crashes after N writes: later requests see connection errors until cleared', async () => {
    const board = boardOf(emulator);
    emulator.faults.crashAfterWrites(3);
    for (let i = 0; i < 3; i += 1) expect((await api(emulator, 'POST', `/v2/boards/${board}/shapes`, {})).status).toBe(201);
    expect(emulator.faults.crashed).toBe(true);
    await expect(api(emulator, 'POST', `/v2/boards/${board}/shapes`, {})).rejects.toThrow();
    await expect(api(emulator, 'GET', `/v2/boards/${board}`)).rejects.toThrow();
    expect(emulator.boards.get(board)?.items()).toHaveLength(3);

    emulator.faults.clear();
    expect((await api(emulator, 'GET', `/v2/boards/${board}/items`)).body.total).toBe(3);
  });
});
