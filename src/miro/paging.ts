import { SchemaToMiroError } from '../errors.js';

/**
 * Miro's cursor paging: each page names the cursor of the next one, and the last page has none (or an
 * empty one). Pages are fetched one after the other, since each needs the previous page's cursor.
 */

export interface CursorPage<T> {
  data?: T[];
  cursor?: string;
}

export async function collectPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>,
  what: string,
): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    all.push(...(page.data ?? []));
    const next = page.cursor;
    if (next === undefined || next === '' || (page.data ?? []).length === 0) return all;
    // A cursor seen before would loop forever: a server bug, reported rather than endured.
    if (seen.has(next)) {
      throw new SchemaToMiroError('miro', `Miro returned the same page cursor twice while listing ${what}`);
    }
    seen.add(next);
    cursor = next;
  }
}

/** Splits a list into runs of at most `size`, in order. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a whole number >= 1, got ${size}`);
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
