/** Writes schema-to-miro.schema.json (the config file's JSON Schema) from the option declarations. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configJsonSchemaText } from '../src/config/config-schema.js';

const target = resolve(import.meta.dirname, '..', 'schema-to-miro.schema.json');
writeFileSync(target, configJsonSchemaText());
console.log(`wrote ${target}`);
