/**
 * Each option is declared once (src/config/options.ts): the command line, the config file's checks, the
 * published JSON Schema and README's tables all follow that one table.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addMainOptions } from '../../src/cli/program.js';
import { configJsonSchema, configJsonSchemaText, longFlag, OPTIONS, parseProjectConfig, type OptionDeclaration } from '../../src/config/index.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const declared = OPTIONS as readonly OptionDeclaration[];
const flags = declared.flatMap((o) => (o.flag === undefined ? [] : [longFlag(o.flag)])).sort();
const configKeys = declared.flatMap((o) => (o.configKey === undefined ? [] : [o.configKey])).sort();

function readmeSection(heading: string): string {
  const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n## ${heading}\n`);
  expect(start, heading).toBeGreaterThan(0);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** The first cell of every table row of a section (after the header and rule rows). */
function firstCells(section: string): string[] {
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.split(/(?<!\\)\|/)[1]!);
}

describe('options declared once', () => {
  it('gives commander exactly the declared flags, in order', () => {
    const program = addMainOptions(new Command());
    expect(program.options.map((o) => o.long)).toEqual(declared.flatMap((o) => (o.flag === undefined ? [] : [longFlag(o.flag)])));
  });

  it('publishes the config file JSON Schema that the declarations give (run npm run gen:config-schema)', () => {
    expect(readFileSync(resolve(ROOT, 'schema-to-miro.schema.json'), 'utf8')).toBe(configJsonSchemaText());
    const properties = Object.keys(configJsonSchema().properties as Record<string, unknown>).filter((k) => k !== '$schema');
    expect(properties.sort()).toEqual(configKeys);
  });

  it('accepts and rejects the same config files as the JSON Schema', () => {
    const validate = new Ajv({ allErrors: true }).compile(configJsonSchema());
    const example = JSON.parse(readFileSync(resolve(ROOT, 'examples/schema-to-miro.config.json'), 'utf8')) as unknown;
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(() => parseProjectConfig(example, 'example.json')).not.toThrow();
    const bad: unknown[] = [
      { depht: 2 },
      { depth: -1 },
      { maxColumns: 0 },
      { direction: 'up' },
      { views: 'yes' },
      { include: [''] },
      { colors: { public: 'red' } },
      { diagrams: [{ tables: ['a'] }] },
      { diagrams: [{ name: 'a/b', tables: ['a'] }] },
      { diagrams: [{ name: 'Only a name' }] },
    ];
    for (const config of bad) {
      expect(validate(config), JSON.stringify(config)).toBe(false);
      expect(() => parseProjectConfig(config, 'bad.json'), JSON.stringify(config)).toThrow();
    }
  });

  it('documents every flag and every config key in README, and nothing else', () => {
    const readmeFlags = firstCells(readmeSection('Options')).flatMap((cell) => cell.match(/--[a-z-]+/g) ?? []);
    expect([...new Set(readmeFlags)].sort()).toEqual(flags);
    const readmeKeys = firstCells(readmeSection('Configuration file')).flatMap((cell) => [...cell.matchAll(/`([a-zA-Z]+)`/g)].map((m) => m[1]!));
    expect([...new Set(readmeKeys)].sort()).toEqual(configKeys);
  });
});
