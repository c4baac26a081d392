import { describe, expect, it } from 'vitest';
import { ConcurrencyGate } from '../../src/util/concurrency-gate.js';

describe('ConcurrencyGate', () => {
  it('runs at most `limit` tasks at once, in arrival order', async () => {
    const gate = new ConcurrencyGate(2);
    const started: number[] = [];
    const releases: Array<() => void> = [];
    const tasks = [0, 1, 2, 3].map((index) =>
      gate.run(
        () =>
          new Promise<void>((resolve) => {
            started.push(index);
            releases.push(resolve);
          }),
      ),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1]);
    releases[1]!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    expect(gate.active).toBe(2);
    releases[0]!();
    await new Promise((resolve) => setImmediate(resolve));
    releases[2]!();
    releases[3]!();
    await Promise.all(tasks);
    expect(started).toEqual([0, 1, 2, 3]);
    expect(gate.active).toBe(0);
  });

  it('frees the slot when a task fails', async () => {
    const gate = new ConcurrencyGate(1);
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.active).toBe(0);
    expect(() => new ConcurrencyGate(0)).toThrow(RangeError);
  });
});
