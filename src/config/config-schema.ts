/**
 * The JSON Schema of `schema-to-miro.config.json`, derived from the option declarations (options.ts), so
 * that a config's `"$schema": "./node_modules/schema-to-miro/schema-to-miro.schema.json"` gives editors
 * completion and checks. scripts/generate-config-schema.ts writes it to the repository's root.
 */
import { OPTIONS, type OptionDeclaration } from './options.js';
import { ENV_NAME_PATTERN, SERVE_OPTIONS, SOURCE_NAME_PATTERN, type ServeOptionDeclaration } from './serve-options.js';

type JsonSchema = Record<string, unknown>;

const NON_EMPTY_STRING: JsonSchema = { type: 'string', minLength: 1 };
const STRING_LIST: JsonSchema = { type: 'array', items: NON_EMPTY_STRING };

export function configJsonSchema(): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    $schema: { type: 'string', description: 'Where editors find this schema; ignored by schema-to-miro.' },
  };
  for (const option of OPTIONS as readonly OptionDeclaration[]) {
    if (option.configKey === undefined) continue;
    const flag = option.flag === undefined ? '' : ` (flag ${/--[a-z-]+/.exec(option.flag)![0]})`;
    properties[option.configKey] = { description: `${capitalised(option.configHelp ?? option.help)}${flag}.`, ...valueSchema(option) };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'schema-to-miro.config.json',
    description: 'Project settings of schema-to-miro; command-line flags override them.',
    type: 'object',
    additionalProperties: false,
    properties,
  };
}

function valueSchema(option: OptionDeclaration): JsonSchema {
  switch (option.type) {
    case 'string':
      return NON_EMPTY_STRING;
    case 'strings':
      return STRING_LIST;
    case 'boolean':
      return { type: 'boolean', default: option.default };
    case 'integer':
      return { type: 'integer', minimum: option.min, ...(option.default !== undefined ? { default: option.default } : {}) };
    case 'choice':
      return { type: 'string', enum: [...option.choices], default: option.default };
    case 'colors':
      return { type: 'object', additionalProperties: { type: 'string', pattern: '^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$' } };
    case 'diagrams':
      return { type: 'array', items: DIAGRAM };
    case 'relations':
      return { type: 'array', items: RELATION };
    case 'areas':
      return { type: 'array', items: AREA };
    case 'sources':
      return { type: 'object', propertyNames: { pattern: SOURCE_NAME_PATTERN }, additionalProperties: SOURCE };
    case 'serve':
      return serveSchema();
  }
}

/** `schema.table(column, ...)`, as the relations stage reads an end (src/relations/declared.ts). */
const RELATION_END: JsonSchema = { type: 'string', pattern: '^\\s*(?:[^\\s.()]+\\.)?[^\\s.()]+\\s*\\([^()]+\\)\\s*$' };

/** One declared relation, as validate-config.ts checks it. */
const RELATION: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to'],
  properties: {
    from: { ...RELATION_END, description: 'The referencing table and columns: schema.table(column, ...).' },
    to: { ...RELATION_END, description: 'The referenced table and columns: schema.table(column, ...).' },
  },
};

/** One named subject area, as validate-config.ts checks it. */
const AREA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'include'],
  properties: {
    name: { type: 'string', minLength: 1, description: 'The frame title; unique among the areas.' },
    include: { ...STRING_LIST, minItems: 1, description: 'Globs of schema.table (or table) in the area.' },
  },
};


const ENV_NAME: JsonSchema = { type: 'string', pattern: ENV_NAME_PATTERN };

/** One source of `schema-to-miro serve`, as validate-config.ts checks it. */
const SOURCE: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  oneOf: [{ required: ['dbEnv'] }, { required: ['sql'] }],
  properties: {
    dbEnv: { ...ENV_NAME, description: 'The environment variable holding the database URL.' },
    sql: { ...STRING_LIST, description: 'SQL files or migration folders, relative to the config file.' },
    schemas: { ...STRING_LIST, description: 'Only these schemas.' },
    views: { type: 'boolean', description: 'Draw views and materialized views.' },
    hookSecretEnv: { ...ENV_NAME, description: 'The environment variable holding the secret that signs POST /hooks/<source>.' },
  },
};

/** The `serve` section, from its declarations (serve-options.ts). */
function serveSchema(): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const option of SERVE_OPTIONS as readonly ServeOptionDeclaration[]) {
    if (option.key === undefined) continue;
    const value: JsonSchema =
      option.type === 'integer'
        ? { type: 'integer', minimum: option.min, ...(option.max !== undefined ? { maximum: option.max } : {}) }
        : option.type === 'number'
          ? { type: 'number', minimum: option.min }
          : option.type === 'choice'
            ? { type: 'string', enum: [...option.choices] }
            : NON_EMPTY_STRING;
    const flag = option.flag === undefined ? '' : ` (flag ${/--[a-z-]+/.exec(option.flag)![0]})`;
    const fallback = 'default' in option && option.default !== undefined ? { default: option.default } : {};
    properties[option.key] = { description: `${capitalised(option.help)}${flag}.`, ...value, ...fallback };
  }
  return { type: 'object', additionalProperties: false, properties };
}

/** One named diagram, as validate-config.ts checks it. */
const DIAGRAM: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  anyOf: [{ required: ['tables'] }, { required: ['include'] }, { required: ['focus'] }],
  properties: {
    name: { type: 'string', minLength: 1, pattern: '^[^/]*$', description: 'The frame title; unique among the diagrams.' },
    tables: { ...STRING_LIST, description: 'Tables by schema.table (or table when unambiguous).' },
    include: { ...STRING_LIST, description: 'Globs of schema.table to draw.' },
    exclude: { ...STRING_LIST, description: 'Globs of schema.table to leave out.' },
    focus: { ...NON_EMPTY_STRING, description: 'A table: it and its neighbours within depth hops.' },
    depth: { type: 'integer', minimum: 0, default: 1, description: 'Foreign-key hops around focus.' },
  },
};

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The file's text as committed: two-space JSON with a final newline. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
