/**
 * Which tables survive `--schema`, `--include`, `--exclude`, `--views` and `--focus/--depth`.
 * These filters are applied here and nowhere else.
 */
import picomatch from 'picomatch';
import { SchemaToMiroError } from '../errors.js';
import type { DatabaseSchema } from '../model/schema.js';
import { tableId } from '../model/schema.js';
import { bfsFromNode } from 'graphology-traversal';
import { isViewKind } from './relations.js';
import { compareStrings } from '../util/compare.js';
import { suggestionSuffix } from './suggest.js';
import { optionKeyName, type GraphOptions, type SchemaGraph } from './types.js';

/**
 * Ids of the tables the schema, include, exclude and views filters keep, sorted. Throws a `usage` error when a
 * filter names nothing or leaves nothing.
 */
export function filterTables(schema: DatabaseSchema, options: GraphOptions): string[] {
  const name = options.optionName ?? optionKeyName;
  let kept = schema.tables.filter((t) => options.views === true || !isViewKind(t.kind));
  if (kept.length === 0) throw new SchemaToMiroError('usage', `the schema model of ${schema.database} holds no tables`);

  if (options.schemas !== undefined && options.schemas.length > 0) {
    const known = new Set([...schema.schemas.map((s) => s.name), ...schema.tables.map((t) => t.schema)]);
    for (const wanted of options.schemas) {
      if (!known.has(wanted)) {
        throw new SchemaToMiroError('usage', `${name('schemas')} ${wanted}: no such schema in ${schema.database}${suggestionSuffix(wanted, [...known].sort(compareStrings))}`);
      }
    }
    const wanted = new Set(options.schemas);
    kept = kept.filter((t) => wanted.has(t.schema));
    if (kept.length === 0) throw new SchemaToMiroError('usage', `${name('schemas')} ${options.schemas.join(', ')} holds no tables`);
  }

  const include = globMatcher(options.include ?? []);
  const exclude = globMatcher(options.exclude ?? []);
  if ((options.include ?? []).length > 0) kept = kept.filter((t) => include(t.schema, t.name));
  kept = kept.filter((t) => !exclude(t.schema, t.name));
  if (kept.length === 0) {
    throw new SchemaToMiroError('usage', `no table is left after ${describeFilters(options)}`);
  }

  return kept.map(tableId).sort(compareStrings);
}

/**
 * The tables `focus` keeps of the filtered graph: the focus table and those within `depth` relation hops of
 * it, in either direction (a breadth-first search of graphology-traversal). Null without a focus.
 */
export function focusedTables(schema: DatabaseSchema, graph: SchemaGraph, options: GraphOptions): Set<string> | null {
  if (options.focus === undefined) return null;
  const name = options.optionName ?? optionKeyName;
  const focus = resolveFocus(options.focus, schema.tables.map(tableId), name('focus'));
  if (!graph.hasNode(focus)) {
    throw new SchemaToMiroError('usage', `${name('focus')} ${options.focus}: ${focus} is left out by ${describeFilters(options)}`);
  }
  const depth = options.depth ?? 1;
  const reached = new Set<string>();
  bfsFromNode(
    graph,
    focus,
    (id, _attributes, hops) => {
      reached.add(id);
      return hops >= depth; // go no further from a table at the last hop
    },
    { mode: 'directed' },
  );
  return reached;
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
  const name = options.optionName ?? optionKeyName;
  for (const s of options.schemas ?? []) parts.push(`${name('schemas')} ${s}`);
  for (const g of options.include ?? []) parts.push(`${name('include')} ${g}`);
  for (const g of options.exclude ?? []) parts.push(`${name('exclude')} ${g}`);
  return parts.length > 0 ? parts.join(' ') : 'the filters';
}

/** `schema.table`, or a bare `table` that exactly one schema holds. */
export function resolveFocus(input: string, ids: string[], optionName = 'focus'): string {
  if (ids.includes(input)) return input;
  const bare = ids.filter((id) => id.slice(id.indexOf('.') + 1) === input);
  if (bare.length === 1 && bare[0] !== undefined) return bare[0];
  if (bare.length > 1) {
    throw new SchemaToMiroError('usage', `${optionName} ${input} is ambiguous: ${bare.sort(compareStrings).join(', ')}; give schema.table`);
  }
  throw new SchemaToMiroError('usage', `${optionName} ${input}: no such table${suggestionSuffix(input, [...ids].sort(compareStrings))}`);
}
