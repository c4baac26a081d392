import { readSchema } from '/work/wt-13/src/pipeline.js';
import { buildDiagram } from '/work/wt-13/src/graph/index.js';
import { documentedSchema } from '/work/wt-13/src/outputs/documented.js';
import { schemaDbml } from '/work/wt-13/src/outputs/dbml.js';
import { erDiagramMermaid } from '/work/wt-13/src/outputs/mermaid.js';
import { Parser } from '@dbml/core';
import { writeFileSync } from 'node:fs';
for (const f of process.argv.slice(2)) {
  const schema = await readSchema({ kind: 'sql', paths: [f] });
  const diagram = buildDiagram(schema);
  const text = schemaDbml(documentedSchema(schema, diagram));
  const name = f.split('/').pop();
  writeFileSync(`/tmp/s13/${name}.dbml`, text);
  writeFileSync(`/tmp/s13/${name}.mmd`, erDiagramMermaid(diagram));
  try {
    const db = Parser.parse(text, 'dbmlv2');
    const tables = db.schemas.flatMap((s: any) => s.tables).length;
    const refs = db.schemas.flatMap((s: any) => s.refs).length;
    console.log(name, 'ok', tables, refs, text.length);
  } catch (e: any) {
    console.log(name, 'FAIL', JSON.stringify(e.diags?.slice(0,3) ?? e.message).slice(0, 800));
  }
}
