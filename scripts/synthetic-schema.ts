/**
 * Generates large, realistic-looking PostgreSQL schemas for benchmarks and stress tests.
 *
 * The shape mimics real application schemas: a few hub tables (think `organizations`, `users`) that many
 * foreign keys point at, a long tail of tables with one or two references, some isolated tables, several
 * schemas, an enum per schema, identity keys, timestamps, indexes on most foreign-key columns and a few
 * self-references. Output is deterministic for a given set of options (the seed drives a small PRNG).
 *
 * Library use: `syntheticSchemaSql({ tables: 1000, foreignKeys: 1500 })`.
 * Command line: `tsx scripts/synthetic-schema.ts --tables 500 --fks 750 [--columns 20] [--schemas 3] [--seed 1] [--modular] > x.sql`
 */
import { pathToFileURL } from 'node:url';
import { planModularSchema, type PlannedTable } from './modular-schema.js';
import { seededRandom } from '../src/util/seeded-random.js';

export interface SyntheticOptions {
  tables: number;
  /** Average number of columns per table (varies by about ±40% per table); default 20. */
  columnsPerTable?: number;
  /** Total foreign keys; default 1.5 per table. */
  foreignKeys?: number;
  /** Number of schemas the tables are spread over; default grows with the table count (1 to 4). */
  schemas?: number;
  /** PRNG seed; default 1. */
  seed?: number;
  /**
   * `uniform` (default): foreign keys spread at random over earlier tables, 40% to the hubs.
   * `modular`: what large real schemas have and the shared ones lack (see modular-schema.ts): subject
   * modules of related tables, 3-4 hubs with 40-150 incoming relations, cross-schema relations,
   * self-references and a long tail of small tables. `foreignKeys` is then ignored (the modules decide).
   */
  profile?: 'uniform' | 'modular';
}

const SCHEMA_NAMES = ['public', 'billing', 'inventory', 'crm', 'analytics', 'auth', 'shipping', 'support'];

const NOUNS = [
  'organization', 'user', 'account', 'customer', 'invoice', 'payment', 'order', 'product', 'subscription',
  'plan', 'coupon', 'address', 'shipment', 'warehouse', 'supplier', 'category', 'tag', 'comment', 'ticket',
  'agent', 'team', 'project', 'task', 'event', 'session', 'device', 'notification', 'webhook', 'report',
  'metric', 'campaign', 'lead', 'contact', 'contract', 'document', 'attachment', 'credit', 'refund', 'tax',
  'discount', 'fee', 'charge', 'wallet', 'transaction', 'ledger', 'region', 'store', 'cart', 'review',
  'rating', 'vendor', 'batch', 'job', 'integration', 'membership', 'role', 'permission', 'audit', 'export',
  'import',
];

const QUALIFIERS = [
  'archived', 'pending', 'daily', 'monthly', 'external', 'internal', 'draft', 'recurring', 'scheduled',
  'applied', 'billing', 'customer', 'product', 'partner', 'legacy', 'staged', 'shared', 'default', 'public',
  'private', 'temporary', 'usage', 'billable', 'group', 'regional', 'primary', 'backup', 'manual', 'auto',
  'bulk',
];

/** Prefixes for the second, third, ... foreign key from one table to the same target. */
const ROLE_PREFIXES = ['', 'parent_', 'owner_', 'created_by_', 'source_', 'target_', 'billing_', 'approved_by_'];

/** Filler columns: name, type, optional suffix (NOT NULL / DEFAULT ...). Cycled with numbered names when exhausted. */
const FILLER_COLUMNS: ReadonlyArray<readonly [string, string, string]> = [
  ['name', 'character varying(255)', 'NOT NULL'],
  ['created_at', 'timestamp with time zone', 'NOT NULL DEFAULT now()'],
  ['updated_at', 'timestamp with time zone', 'NOT NULL DEFAULT now()'],
  ['status', 'record_status', "NOT NULL DEFAULT 'active'"],
  ['description', 'text', ''],
  ['code', 'character varying(40)', ''],
  ['amount_cents', 'bigint', 'NOT NULL DEFAULT 0'],
  ['currency', 'character(3)', ''],
  ['is_active', 'boolean', 'NOT NULL DEFAULT true'],
  ['metadata', 'jsonb', "NOT NULL DEFAULT '{}'::jsonb"],
  ['email', 'character varying(320)', ''],
  ['external_id', 'uuid', ''],
  ['deleted_at', 'timestamp with time zone', ''],
  ['rate', 'numeric(10,4)', ''],
  ['quantity', 'integer', 'NOT NULL DEFAULT 1'],
  ['tags', 'text[]', ''],
  ['starts_on', 'date', ''],
  ['ends_on', 'date', ''],
  ['notes', 'text', ''],
  ['position', 'smallint', ''],
  ['url', 'text', ''],
  ['version', 'integer', 'NOT NULL DEFAULT 1'],
  ['country_code', 'character varying(2)', ''],
  ['payload', 'json', ''],
  ['score', 'double precision', ''],
];


function plural(noun: string): string {
  if (noun.endsWith('y') && !/[aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(noun)) return `${noun}es`;
  return `${noun}s`;
}

/** Bare nouns first (the hubs get the most natural names), then qualified nouns, then numbered ones. */
function tableName(index: number): string {
  if (index < NOUNS.length) return plural(NOUNS[index] as string);
  const combined = index - NOUNS.length;
  const combinations = NOUNS.length * QUALIFIERS.length;
  const noun = NOUNS[combined % NOUNS.length] as string;
  const qualifier = QUALIFIERS[Math.floor(combined / NOUNS.length) % QUALIFIERS.length] as string;
  const round = Math.floor(combined / combinations);
  return round === 0 ? `${qualifier}_${plural(noun)}` : `${qualifier}_${plural(noun)}_${round + 1}`;
}

function schemaName(index: number): string {
  return SCHEMA_NAMES[index] ?? `schema_${index + 1}`;
}

function singular(table: string): string {
  return table.endsWith('ies') ? `${table.slice(0, -3)}y` : table.replace(/(ches|shes|ses|xes)$/, (m) => m.slice(0, -2)).replace(/s$/, '');
}

function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

function validate(options: SyntheticOptions): Required<Omit<SyntheticOptions, 'profile'>> {
  const tables = options.tables;
  if (!Number.isInteger(tables) || tables < 1) throw new RangeError(`tables must be a positive integer, got ${tables}`);
  const resolved = {
    tables,
    columnsPerTable: options.columnsPerTable ?? 20,
    foreignKeys: options.foreignKeys ?? Math.round(tables * 1.5),
    schemas: options.schemas ?? Math.min(4, 1 + Math.floor(tables / 250)),
    seed: options.seed ?? 1,
  };
  for (const [key, value] of Object.entries(resolved)) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${key} must be a non-negative integer, got ${value}`);
  }
  if (resolved.schemas < 1) throw new RangeError('schemas must be at least 1');
  if (resolved.columnsPerTable < 2) throw new RangeError('columnsPerTable must be at least 2');
  return resolved;
}

function planTables(options: Required<Omit<SyntheticOptions, 'profile'>>, random: () => number): PlannedTable[] {
  const { tables: count, columnsPerTable, schemas } = options;
  const planned: PlannedTable[] = [];
  for (let i = 0; i < count; i++) {
    // Hubs (the first few tables) live in the first schema, like `organizations` in `public`.
    const schemaIndex = i < Math.max(1, Math.ceil(count * 0.02)) ? 0 : Math.floor(random() * schemas);
    const spread = 0.6 + random() * 0.8;
    planned.push({
      schema: schemaName(schemaIndex),
      name: tableName(i),
      columnCount: Math.max(2, Math.round(columnsPerTable * spread)),
      // About 5% of tables stand alone (lookup or log tables with no relations), never the hubs.
      isolated: i > 2 && random() < 0.05,
      references: [],
    });
  }
  return planned;
}

/**
 * Spreads the foreign keys: about 40% go to the hub tables (2% of all tables), the rest to any earlier
 * table; a few are self-references. Only earlier tables are referenced so the CREATE TABLEs need no ALTER.
 */
function planForeignKeys(planned: PlannedTable[], total: number, random: () => number): void {
  const hubCount = Math.max(1, Math.ceil(planned.length * 0.02));
  const referencing = planned.map((table, index) => ({ table, index })).filter(({ table, index }) => !table.isolated && index > 0);
  const referenceable = planned.map((table, index) => ({ table, index })).filter(({ table }) => !table.isolated);
  if (referencing.length === 0 || referenceable.length === 0) return;
  for (let placed = 0; placed < total; placed++) {
    const from = referencing[Math.floor(random() * referencing.length)];
    if (!from) break;
    const roll = random();
    let target: number;
    if (roll < 0.03) target = from.index; // self-reference (parent_id)
    else if (roll < 0.43) target = Math.floor(random() * Math.min(hubCount, from.index));
    else {
      const earlier = referenceable.filter((candidate) => candidate.index < from.index);
      const pick = earlier[Math.floor(random() * earlier.length)];
      target = pick ? pick.index : 0;
    }
    from.table.references.push(target);
  }
}

function tableSql(table: PlannedTable, planned: PlannedTable[], random: () => number): string[] {
  const lines: string[] = ['  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY'];
  const statements: string[] = [];
  const usedNames = new Set<string>(['id']);
  const qualified = `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
  const referenceCounts = new Map<number, number>();
  const indexColumns: string[] = [];

  for (const target of [...table.references].sort((a, b) => a - b)) {
    const seen = referenceCounts.get(target) ?? 0;
    referenceCounts.set(target, seen + 1);
    const referenced = planned[target] as PlannedTable;
    const base = `${singular(referenced.name)}_id`;
    let prefix = target === planned.indexOf(table) ? 'parent_' : (ROLE_PREFIXES[seen % ROLE_PREFIXES.length] as string);
    let column = `${prefix}${base}`;
    for (let n = 2; usedNames.has(column); n++) {
      prefix = `${ROLE_PREFIXES[(seen + n) % ROLE_PREFIXES.length] ?? ''}`;
      column = `${prefix}${base}_${n}`;
    }
    usedNames.add(column);
    const nullable = prefix !== '' || random() < 0.3;
    const onDelete = random() < 0.25 ? ' ON DELETE CASCADE' : nullable && random() < 0.3 ? ' ON DELETE SET NULL' : '';
    lines.push(
      `  ${quoteIdent(column)} bigint${nullable ? '' : ' NOT NULL'} REFERENCES ${quoteIdent(referenced.schema)}.${quoteIdent(referenced.name)} (id)${onDelete}`,
    );
    if (random() < 0.6) indexColumns.push(column);
  }

  const fillers = Math.max(0, table.columnCount - lines.length);
  for (let i = 0; i < fillers; i++) {
    const [baseName, type, suffix] = FILLER_COLUMNS[i % FILLER_COLUMNS.length] as readonly [string, string, string];
    const round = Math.floor(i / FILLER_COLUMNS.length);
    const column = round === 0 ? baseName : `${baseName}_${round + 1}`;
    if (usedNames.has(column)) continue;
    usedNames.add(column);
    const resolvedType = type === 'record_status' ? `${quoteIdent(table.schema)}.record_status` : type;
    lines.push(`  ${quoteIdent(column)} ${resolvedType}${suffix ? ` ${suffix}` : ''}`);
  }

  statements.push(`CREATE TABLE ${qualified} (\n${lines.join(',\n')}\n);`);
  for (const column of indexColumns) {
    statements.push(`CREATE INDEX ${quoteIdent(`${table.name}_${column}_idx`.slice(0, 63))} ON ${qualified} (${quoteIdent(column)});`);
  }
  if (random() < 0.2) {
    statements.push(`COMMENT ON TABLE ${qualified} IS 'Synthetic ${singular(table.name).replace(/_/g, ' ')} records.';`);
  }
  return statements;
}

/** The SQL (schemas, enums, tables, indexes, comments) of a synthetic schema; byte-identical for equal options. */
export function syntheticSchemaSql(options: SyntheticOptions): string {
  const resolved = validate(options);
  const random = seededRandom(resolved.seed);
  const planned = options.profile === 'modular' ? planModularSchema(resolved, random, { table: tableName, schema: schemaName }) : planTables(resolved, random);
  if (options.profile !== 'modular') planForeignKeys(planned, resolved.foreignKeys, random);
  const foreignKeys = planned.reduce((sum, t) => sum + t.references.length, 0);

  const out: string[] = [
    `-- Synthetic schema: ${resolved.tables} tables, ~${resolved.columnsPerTable} columns each, ${foreignKeys} foreign keys, ` +
      `${resolved.schemas} schema(s), seed ${resolved.seed}${options.profile === 'modular' ? ', modular' : ''}. Generated by scripts/synthetic-schema.ts.`,
  ];
  for (let s = 0; s < resolved.schemas; s++) {
    const schema = quoteIdent(schemaName(s));
    if (s > 0) out.push(`CREATE SCHEMA ${schema};`);
    out.push(`CREATE TYPE ${schema}.record_status AS ENUM ('active', 'suspended', 'archived');`);
  }
  for (const table of planned) out.push(...tableSql(table, planned, random));
  return `${out.join('\n')}\n`;
}

function parseArgs(argv: string[]): SyntheticOptions {
  const flags: Record<string, Exclude<keyof SyntheticOptions, 'profile'>> = {
    '--tables': 'tables',
    '--columns': 'columnsPerTable',
    '--fks': 'foreignKeys',
    '--schemas': 'schemas',
    '--seed': 'seed',
  };
  const options: Partial<SyntheticOptions> = {};
  const rest: string[] = [];
  for (const arg of argv) {
    if (arg === '--modular') options.profile = 'modular';
    else rest.push(arg);
  }
  argv = rest;
  for (let i = 0; i < argv.length; i += 2) {
    const key = flags[argv[i] ?? ''];
    const value = Number(argv[i + 1]);
    if (!key || !Number.isInteger(value)) {
      throw new Error(`usage: tsx scripts/synthetic-schema.ts --tables N [--columns N] [--fks N] [--schemas N] [--seed N] [--modular]`);
    }
    options[key as Exclude<keyof SyntheticOptions, 'profile'>] = value;
  }
  if (options.tables === undefined) throw new Error('--tables is required');
  return options as SyntheticOptions;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.stdout.write(syntheticSchemaSql(parseArgs(process.argv.slice(2))));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}
