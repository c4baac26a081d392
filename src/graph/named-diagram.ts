/** A named diagram's subset (config `diagrams`) as graph options on top of the run's own filters. */
import type { NamedDiagramSpec } from '../model/diagram.js';
import { optionKeyName, type GraphOptionKey, type GraphOptions } from './types.js';

/** The keys a named diagram sets itself: messages name them as the diagram spells them. */
const OWN_KEYS: ReadonlySet<GraphOptionKey> = new Set(['include', 'exclude', 'focus', 'depth']);

/**
 * The run's schema, view and column filters, with the diagram's subset in place of the run's own include,
 * exclude and focus: its tables (exact `schema.table`, or any schema's `table`), globs, or focus and depth.
 */
export function namedDiagramOptions(base: GraphOptions, wanted: NamedDiagramSpec): GraphOptions {
  const baseName = base.optionName ?? optionKeyName;
  const tables = (wanted.tables ?? []).map((name) => (name.includes('.') ? name : `*.${name}`));
  const include = [...tables, ...(wanted.include ?? [])];
  return {
    ...(base.schemas !== undefined ? { schemas: base.schemas } : {}),
    ...(base.views !== undefined ? { views: base.views } : {}),
    ...(base.columns !== undefined ? { columns: base.columns } : {}),
    ...(base.maxColumns !== undefined ? { maxColumns: base.maxColumns } : {}),
    ...(include.length > 0 ? { include } : {}),
    ...(wanted.exclude !== undefined ? { exclude: wanted.exclude } : {}),
    ...(wanted.focus !== undefined ? { focus: wanted.focus, depth: wanted.depth ?? 1 } : {}),
    optionName: (key) => (OWN_KEYS.has(key) ? key : baseName(key)),
  };
}
