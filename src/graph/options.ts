/**
 * Checks the filter options a user typed before any of them is applied, so a typo fails with one clear line.
 */
import { SchemaToMiroError } from '../errors.js';
import { optionKeyName, type GraphOptions } from './types.js';

export function validateGraphOptions(options: GraphOptions): void {
  const name = options.optionName ?? optionKeyName;
  if (options.depth !== undefined) {
    if (!Number.isInteger(options.depth) || options.depth < 0) {
      throw new SchemaToMiroError('usage', `${name('depth')} must be a whole number of hops, 0 or more (got ${String(options.depth)})`);
    }
    if (options.focus === undefined) {
      throw new SchemaToMiroError('usage', `${name('depth')} needs ${name('focus')} <table>`);
    }
  }
  if (options.maxColumns !== undefined && (!Number.isInteger(options.maxColumns) || options.maxColumns < 1)) {
    throw new SchemaToMiroError('usage', `${name('maxColumns')} must be a whole number, 1 or more (got ${String(options.maxColumns)})`);
  }
  if (options.columns !== undefined && options.columns !== 'all' && options.columns !== 'keys') {
    throw new SchemaToMiroError('usage', `${name('columns')} must be all or keys (got ${String(options.columns)})`);
  }
  for (const [flag, globs] of [[name('include'), options.include], [name('exclude'), options.exclude]] as const) {
    for (const glob of globs ?? []) {
      if (glob.trim() === '') throw new SchemaToMiroError('usage', `${flag} needs a non-empty glob such as public.* or *_audit`);
    }
  }
  if (options.focus !== undefined && options.focus.trim() === '') {
    throw new SchemaToMiroError('usage', `${name('focus')} needs a table name (schema.table, or table when unambiguous)`);
  }
}
