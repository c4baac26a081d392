/**
 * The schema models the document outputs are checked on: the repository's fixtures and the real schemas
 * of ../shared/schemas, read from real catalogs through the --sql source, with views, and with inferred
 * relations added so the "not enforced" paths are exercised too.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildDiagram } from '../../../src/graph/index.js';
import type { Diagram } from '../../../src/model/diagram.js';
import type { DatabaseSchema } from '../../../src/model/schema.js';
import { readSchema } from '../../../src/pipeline.js';
import { addRelations } from '../../../src/relations/index.js';
import { FIXTURES, SHARED_SCHEMAS } from '../../support/database.js';

export interface DocumentModel {
  name: string;
  schema: DatabaseSchema;
  diagram: Diagram;
}

/** File names of the models: the fixtures always, the shared schemas when ../shared is there. */
export function modelFiles(): string[] {
  const shared = ['pagila.sql', 'lago-api.sql'].map((f) => join(SHARED_SCHEMAS, f)).filter((p) => existsSync(p));
  if (shared.length < 2) console.warn(`document outputs: ${SHARED_SCHEMAS} is missing; checking the fixtures only`);
  return [join(FIXTURES, 'shop.sql'), join(FIXTURES, 'rich.sql'), ...shared];
}

export async function loadModel(path: string): Promise<DocumentModel> {
  const read = await readSchema({ kind: 'sql', paths: [path] }, { views: true });
  const schema = addRelations(read, { infer: true });
  return { name: path.split('/').pop()!.replace(/\.sql$/, ''), schema, diagram: buildDiagram(schema, { views: true }) };
}
