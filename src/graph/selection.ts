/**
 * Which tables survive `--schema`, `--include`, `--exclude`, `--views` and `--focus/--depth`.
 * These filters are applied here and nowhere else.
 */
import picomatch from 'picomatch';
import { SchemaToMiroError } from '../errors.js';
import type { DatabaseSchema } from '../model/schema.js';
import { tableId } from '../model/schema.js';
import type { ModelRelation } from './relations.js';
import { isViewKind } from './relations.js';
import { compareStrings, suggestionSuffix } from './suggest.js';
import type { GraphOptions } from './types.js';

/** Ids of the kept tables, sorted. Throws a `usage` error when a filter names nothing or leaves nothing. */
export function selectTables(schema: DatabaseSchema, relations: ModelRelation[], options: GraphOptions): string[] {
  const allIds = schema.tables.map(tableId);
  let kept = schema.tables.filter((t) => options.views === true || !isViewKind(t.kind));
  if (kept.length === 0) throw new SchemaToMiroError('usage', `the schema model of ${schema.database} holds no tables`);

  if (options.schemas !== undefined && options.schemas.length > 0) {
    const known = new Set([...schema.schemas.map((s) => s.name), ...schema.tables.map((t) => t.schema)]);
    for (const name of options.schemas) {
      if (!known.has(name)) {
        throw new SchemaToMiroError('usage', `--schema ${name}: no such schema in ${schema.database}${suggestionSuffix(name, [...known].sort(compareStrings))}`);
      }
    }
    const wanted = new Set(options.schemas);
    kept = kept.filter((t) => wanted.has(t.schema));
    if (kept.length === 0) throw new SchemaToMiroError('usage', `--schema ${options.schemas.join(', ')} holds no tables`);
  }

  const include = globMatcher(options.include ?? []);
  const exclude = globMatcher(options.exclude ?? []);
  if ((options.include ?? []).length > 0) kept = kept.filter((t) => include(t.schema, t.name));
  kept = kept.filter((t) => !exclude(t.schema, t.name));
  if (kept.length === 0) {
    throw new SchemaToMiroError('usage', `no table is left after ${describeFilters(options)}`);
  }

  let ids = kept.map(tableId);
  if (options.focus !== undefined) {
    const focus = resolveFocus(options.focus, allIds);
    const keptSet = new Set(ids);
    if (!keptSet.has(focus)) {
      throw new SchemaToMiroError('usage', `--focus ${options.focus}: ${focus} is left out by ${describeFilters(options)}`);
    }
    ids = neighbourhood(focus, options.depth ?? 1, keptSet, relations);
  }
  return ids.sort(compareStrings);
}

/** Matches `schema.table`; a glob without a dot also matches the bare table name, so `--exclude '*_audit'` works. */
export function globMatcher(globs: string[]): (schema: string, name: string) => boolean {
  const matchers = globs.map((glob) => ({ test: picomatch(glob, { dot: true }), qualified: glob.includes('.') }));
  return (schema, name) => {
    const id = `${schema}.${name}`;
    return matchers.some((m) => m.test(id) || (!m.qualified && m.test(name)));
  };
}

function describeFilters(options: GraphOptions): string {
  const parts: string[] = [];
  for (const s of options.schemas ?? []) parts.push(`--schema ${s}`);
  for (const g of options.include ?? []) parts.push(`--include ${g}`);
  for (const g of options.exclude ?? []) parts.push(`--exclude ${g}`);
  return parts.length > 0 ? parts.join(' ') : 'the filters';
}

/** `schema.table`, or a bare `table` that exactly one schema holds. */
export function resolveFocus(input: string, ids: string[]): string {
  if (ids.includes(input)) return input;
  const bare = ids.filter((id) => id.slice(id.indexOf('.') + 1) === input);
  if (bare.length === 1 && bare[0] !== undefined) return bare[0];
  if (bare.length > 1) {
    throw new SchemaToMiroError('usage', `--focus ${input} is ambiguous: ${bare.sort(compareStrings).join(', ')}; give schema.table`);
  }
  throw new SchemaToMiroError('usage', `--focus ${input}: no such table${suggestionSuffix(input, [...ids].sort(compareStrings))}`);
}

/** Tables within `depth` hops of `start` over relations between kept tables, in either direction. */
function neighbourhood(start: string, depth: number, kept: Set<string>, relations: ModelRelation[]): string[] {
  const adjacent = new Map<string, string[]>();
  const link = (a: string, b: string): void => {
    const list = adjacent.get(a);
    if (list) list.push(b);
    else adjacent.set(a, [b]);
  };
  for (const r of relations) {
    if (kept.has(r.from) && kept.has(r.to)) {
      link(r.from, r.to);
      link(r.to, r.from);
    }
  }
  const reached = new Set([start]);
  let frontier = [start];
  for (let hop = 0; hop < depth && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const neighbour of adjacent.get(id) ?? []) {
        if (!reached.has(neighbour)) {
          reached.add(neighbour);
          next.push(neighbour);
        }
      }
    }
    frontier = next;
  }
  return [...reached];
}
