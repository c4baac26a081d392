import { describe, expect, it } from 'vitest';
import { SchemaToMiroError } from '../../src/errors.js';
import { chunk, collectPages } from '../../src/miro/paging.js';

describe('collectPages', () => {
  it('follows cursors until a page has none', async () => {
    const pages: Record<string, { data: number[]; cursor?: string }> = {
      start: { data: [1, 2], cursor: 'b' },
      b: { data: [3, 4], cursor: 'c' },
      c: { data: [5], cursor: '' },
    };
    const asked: Array<string | undefined> = [];
    const all = await collectPages(async (cursor) => {
      asked.push(cursor);
      return pages[cursor ?? 'start']!;
    }, 'numbers');
    expect(all).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual([undefined, 'b', 'c']);
  });

  it('stops at an empty page even if it carries a cursor', async () => {
    expect(await collectPages(async () => ({ data: [], cursor: 'again' }), 'nothing')).toEqual([]);
  });

  it('reports a cursor that repeats instead of looping forever', async () => {
    const error = await collectPages(async () => ({ data: [1], cursor: 'same' }), 'the items of board X').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SchemaToMiroError);
    expect((error as SchemaToMiroError).message).toBe('Miro returned the same page cursor twice while listing the items of board X');
  });
});

describe('chunk', () => {
  it('splits in order into runs of at most the size', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 20)).toEqual([]);
    expect(chunk(Array.from({ length: 40 }, (_, i) => i), 20).map((part) => part.length)).toEqual([20, 20]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});
