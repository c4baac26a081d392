/**
 * Checks a parsed config file key by key: unknown keys and wrong types are usage errors naming the key
 * (`diagrams[1].depth`) and the file, so a typo never silently does nothing.
 */
import { SchemaToMiroError } from '../errors.js';
import { OPTIONS, type OptionDeclaration } from './options.js';
import type { DeclaredRelationSpec } from '../model/relations.js';
import type { NamedDiagramConfig, ProjectConfig, SourceConfig } from './project-config.js';
import { ENV_NAME_PATTERN, SERVE_OPTIONS, SOURCE_NAME_PATTERN, type ServeConfig, type ServeOptionDeclaration } from './serve-options.js';
import type { AreaRule } from '../model/diagram.js';

type Check<T> = (value: unknown, key: string) => T;

const string: Check<string> = (value, key) => {
  if (typeof value !== 'string' || value.trim() === '') throw wrong(key, 'a non-empty string');
  return value;
};

const stringList: Check<string[]> = (value, key) => {
  if (!Array.isArray(value)) throw wrong(key, 'a list of strings');
  return value.map((item, i) => string(item, `${key}[${i}]`));
};

const boolean: Check<boolean> = (value, key) => {
  if (typeof value !== 'boolean') throw wrong(key, 'true or false');
  return value;
};

function wholeNumber(min: number): Check<number> {
  return (value, key) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw wrong(key, `a whole number of at least ${min}`);
    return value;
  };
}

function atLeast(min: number): Check<number> {
  return (value, key) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min) throw wrong(key, `a number of at least ${min}`);
    return value;
  };
}

function oneOf<T extends string>(choices: readonly T[]): Check<T> {
  return (value, key) => {
    if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
      throw wrong(key, choices.map((c) => `"${c}"`).join(' or '));
    }
    return value as T;
  };
}

const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

const colors: Check<Record<string, string>> = (value, key) => {
  const entries = Object.entries(object(value, key, 'an object of schema name to colour'));
  const result: Record<string, string> = {};
  for (const [schema, color] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (typeof color !== 'string' || !HEX_COLOR.test(color)) throw wrong(`${key}.${schema}`, 'a colour like "#1f6feb" or "#16a"');
    result[schema] = color;
  }
  return result;
};

const diagram: Check<NamedDiagramConfig> = (value, key) => {
  const raw = object(value, key, 'an object with a name and tables, include or focus');
  const parsed = readKeys<NamedDiagramConfig>(raw, key, {
    name: string,
    tables: stringList,
    include: stringList,
    exclude: stringList,
    focus: string,
    depth: wholeNumber(0),
  });
  if (parsed.name === undefined) throw new SchemaToMiroError('usage', `${key}.name is missing: every diagram needs a name`);
  // The name becomes part of item ids on the board (`diagram:<name>/<table>`), where a slash separates.
  if (parsed.name.includes('/')) throw new SchemaToMiroError('usage', `${key}.name "${parsed.name}" must not contain "/"`);
  if (parsed.tables === undefined && parsed.include === undefined && parsed.focus === undefined) {
    throw new SchemaToMiroError('usage', `${key} ("${parsed.name}") selects nothing: give tables, include or focus`);
  }
  if (parsed.depth !== undefined && parsed.focus === undefined) throw new SchemaToMiroError('usage', `${key}.depth needs ${key}.focus`);
  return parsed;
};

/** A list of named entries (`noun`s), each checked by `check`, whose names must differ. */
function namedList<T extends { name: string }>(check: Check<T>, noun: string): Check<T[]> {
  return (value, key) => {
    if (!Array.isArray(value)) throw wrong(key, `a list of ${noun}s`);
    const list = value.map((item, i) => check(item, `${key}[${i}]`));
    const seen = new Set<string>();
    for (const [i, entry] of list.entries()) {
      if (seen.has(entry.name)) throw new SchemaToMiroError('usage', `${key}[${i}].name "${entry.name}" is used by an earlier ${noun}; names must differ`);
      seen.add(entry.name);
    }
    return list;
  };
}

const diagrams = namedList(diagram, 'diagram');

const area: Check<AreaRule> = (value, key) => {
  const raw = object(value, key, 'an object with a name and include globs');
  const parsed = readKeys<Partial<AreaRule>>(raw, key, { name: string, include: stringList });
  if (parsed.name === undefined) throw new SchemaToMiroError('usage', `${key}.name is missing: every area needs a name`);
  if (parsed.include === undefined || parsed.include.length === 0) {
    throw new SchemaToMiroError('usage', `${key} ("${parsed.name}") selects nothing: give include globs`);
  }
  return { name: parsed.name, include: parsed.include };
};

const relation: Check<DeclaredRelationSpec> = (value, key) => {
  const raw = object(value, key, 'an object with "from" and "to", such as { "from": "public.orders(customer_ref)", "to": "public.customers(id)" }');
  const parsed = readKeys<Partial<DeclaredRelationSpec>>(raw, key, { from: string, to: string });
  if (parsed.from === undefined || parsed.to === undefined) throw new SchemaToMiroError('usage', `${key} needs both "from" and "to"`);
  return { from: parsed.from, to: parsed.to };
};

const relations: Check<DeclaredRelationSpec[]> = (value, key) => {
  if (!Array.isArray(value)) throw wrong(key, 'a list of relations');
  return value.map((item, i) => relation(item, `${key}[${i}]`));
};
const areas = namedList(area, 'area');

const ENV_NAME = new RegExp(ENV_NAME_PATTERN);

const envName: Check<string> = (value, key) => {
  if (typeof value !== 'string' || !ENV_NAME.test(value)) throw wrong(key, 'the name of an environment variable, like "APP_DATABASE_URL"');
  return value;
};

const source: Check<SourceConfig> = (value, key) => {
  const parsed = readKeys<SourceConfig>(object(value, key, 'an object with dbEnv or sql'), key, {
    dbEnv: envName,
    sql: stringList,
    schemas: stringList,
    views: boolean,
    hookSecretEnv: envName,
  });
  if ((parsed.dbEnv === undefined) === (parsed.sql === undefined)) {
    throw new SchemaToMiroError('usage', `${key} needs exactly one of dbEnv (a variable holding the database URL) or sql (files or folders)`);
  }
  return parsed;
};

const SOURCE_NAME = new RegExp(SOURCE_NAME_PATTERN);

const sources: Check<Record<string, SourceConfig>> = (value, key) => {
  const result: Record<string, SourceConfig> = {};
  for (const [name, declared] of Object.entries(object(value, key, 'an object of source name to source'))) {
    if (!SOURCE_NAME.test(name)) throw new SchemaToMiroError('usage', `${key}: source name "${name}" must be lower-case letters, digits, "-" or "_"`);
    result[name] = source(declared, `${key}.${name}`);
  }
  return result;
};

/** The check of one declared `serve` setting. */
function serveCheck(option: ServeOptionDeclaration): Check<unknown> {
  switch (option.type) {
    case 'integer':
      return (value, key) => {
        const n = wholeNumber(option.min)(value, key);
        if (option.max !== undefined && n > option.max) throw wrong(key, `a whole number from ${option.min} to ${option.max}`);
        return n;
      };
    case 'number':
      return atLeast(option.min);
    case 'string':
      return string;
    case 'choice':
      return oneOf(option.choices);
  }
}

const SERVE_CHECKS: Record<string, Check<unknown>> = Object.fromEntries(
  (SERVE_OPTIONS as readonly ServeOptionDeclaration[]).flatMap((o) => (o.key === undefined ? [] : [[o.key, serveCheck(o)]])),
);

const serve: Check<ServeConfig> = (value, key) => readKeys<ServeConfig>(object(value, key, 'an object of service settings'), key, SERVE_CHECKS);

function checkOf(option: OptionDeclaration): Check<unknown> {
  switch (option.type) {
    case 'string':
      return string;
    case 'strings':
      return stringList;
    case 'boolean':
      return boolean;
    case 'integer':
      return wholeNumber(option.min);
    case 'choice':
      return oneOf(option.choices);
    case 'colors':
      return colors;
    case 'diagrams':
      return diagrams;
    case 'relations':
      return relations;
    case 'areas':
      return areas;
    case 'sources':
      return sources;
    case 'serve':
      return serve;
  }
}

/** One check per config key, from the option declarations. */
const CHECKS: Record<string, Check<unknown>> = Object.fromEntries(
  (OPTIONS as readonly OptionDeclaration[]).flatMap((o) => (o.configKey === undefined ? [] : [[o.configKey, checkOf(o)]])),
);

/** The keys a config file may hold, for documentation and messages. */
export const CONFIG_KEYS: readonly string[] = Object.keys(CHECKS).sort();

/** A checked config, or a usage error naming the first bad key. `where` names the file in messages. */
export function parseProjectConfig(value: unknown, where: string): ProjectConfig {
  try {
    const raw = object(value, '', 'a JSON object');
    // `$schema` lets editors validate the file; it is allowed and ignored.
    const { $schema: _ignored, ...rest } = raw;
    if ('db' in rest) {
      // Never echo the value: it is a connection string, perhaps with its password.
      throw new SchemaToMiroError(
        'usage',
        '"db": a database URL never goes in the config file (it is committed, and a URL may hold a password); give it with --db, DATABASE_URL or the PG* variables',
      );
    }
    return readKeys<ProjectConfig>(rest, '', CHECKS);
  } catch (error) {
    if (error instanceof SchemaToMiroError) throw new SchemaToMiroError('usage', `${where}: ${error.message}`);
    throw error;
  }
}

function readKeys<T>(raw: Record<string, unknown>, parent: string, checks: Record<string, Check<unknown>>): T {
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    const key = parent === '' ? name : `${parent}.${name}`;
    const check = checks[name];
    if (check === undefined) {
      const known = Object.keys(checks).sort().join(', ');
      throw new SchemaToMiroError('usage', `unknown key "${key}" (known keys${parent === '' ? '' : ` of ${parent}`}: ${known})`);
    }
    result[name] = check(value, key);
  }
  return result as T;
}

function object(value: unknown, key: string, expected: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw wrong(key, expected);
  return value as Record<string, unknown>;
}

function wrong(key: string, expected: string): SchemaToMiroError {
  return new SchemaToMiroError('usage', key === '' ? `expected ${expected}` : `"${key}" must be ${expected}`);
}
