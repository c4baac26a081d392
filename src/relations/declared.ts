/**
 * Config `relations`: relations a team knows of but the database does not enforce, written as
 * `schema.table(column, ...)`. Each end must name a table and columns of the model, else the run stops
 * with one line naming the entry, so a typo never draws a relation to nowhere.
 */
import { SchemaToMiroError } from '../errors.js';
import { unenforcedRelationId } from '../model/relations.js';
import type { DatabaseSchema, Table, TableRef, UnenforcedRelation } from '../model/schema.js';
import { tableId } from '../model/schema.js';
import type { DeclaredRelationSpec } from './types.js';

type End = TableRef & { columns: string[] };

/** `public.orders(customer_ref)`, `orders(a, b)`; a bare table name is looked up in every schema. */
const END_PATTERN = /^\s*(?:([^\s.()]+)\.)?([^\s.()]+)\s*\(\s*([^()]+?)\s*\)\s*$/;

export function declaredRelations(schema: DatabaseSchema, specs: readonly DeclaredRelationSpec[]): UnenforcedRelation[] {
  return specs.map((spec, index) => {
    const where = `config relations[${index}]`;
    const from = resolveEnd(schema, spec.from, `${where}.from`);
    const to = resolveEnd(schema, spec.to, `${where}.to`);
    if (from.columns.length !== to.columns.length) {
      throw new SchemaToMiroError('usage', `${where}: ${from.columns.length} column(s) in "from" but ${to.columns.length} in "to"`);
    }
    return { kind: 'declared', id: unenforcedRelationId('declared', from, to), from, references: to };
  });
}

function resolveEnd(schema: DatabaseSchema, text: string, where: string): End {
  const match = END_PATTERN.exec(text);
  if (match === null) {
    throw new SchemaToMiroError('usage', `${where}: "${text}" is not schema.table(column), such as public.orders(customer_id)`);
  }
  const [, schemaName, tableName = '', columnList = ''] = match;
  const table = findTable(schema, schemaName, tableName, where);
  const columns = columnList.split(',').map((c) => c.trim());
  const known = new Set(table.columns.map((c) => c.name));
  const unknown = columns.find((c) => !known.has(c));
  if (unknown !== undefined) {
    throw new SchemaToMiroError('usage', `${where}: table ${tableId(table)} has no column "${unknown}"`);
  }
  return { schema: table.schema, name: table.name, columns };
}

function findTable(schema: DatabaseSchema, schemaName: string | undefined, name: string, where: string): Table {
  const candidates = schema.tables.filter((t) => t.name === name && (schemaName === undefined || t.schema === schemaName));
  if (candidates.length === 1) return candidates[0]!;
  const shown = schemaName === undefined ? name : `${schemaName}.${name}`;
  if (candidates.length === 0) throw new SchemaToMiroError('usage', `${where}: no table ${shown} in the schema`);
  throw new SchemaToMiroError('usage', `${where}: ${name} is in several schemas (${candidates.map(tableId).join(', ')}); write schema.${name}`);
}
