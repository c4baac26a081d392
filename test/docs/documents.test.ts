/**
 * The text outputs read back by their own tools: DBML parsed by @dbml/core into the same tables,
 * columns, enums and references as the model; Markdown lexed by marked, every table well formed and
 * every documented table and relation present. (Mermaid is rendered by Mermaid in test/browser/.)
 */
import { Parser } from '@dbml/core';
import { marked, type Tokens } from 'marked';
import { beforeAll, describe, expect, it } from 'vitest';
import { schemaRelations } from '../../src/model/relations.js';
import { tableId } from '../../src/model/schema.js';
import { documentedSchema, schemaDbml, schemaMarkdown } from '../../src/docs/index.js';
import { loadModel, modelFiles, type DocumentModel } from './support/models.js';

const files = modelFiles();
const models = new Map<string, DocumentModel>();
beforeAll(async () => {
  for (const file of files) {
    const model = await loadModel(file);
    models.set(model.name, model);
  }
}, 180_000);

const names = files.map((f) => f.split('/').pop()!.replace(/\.sql$/, ''));

/** The shape of @dbml/core's parsed model that this test reads. */
interface DbmlEndpoint { schemaName: string | null; tableName: string; fieldNames: string[]; relation: string }
interface DbmlDatabase {
  schemas: Array<{
    name: string;
    tables: Array<{ name: string; note: string | null; fields: Array<{ name: string; pk: boolean; not_null?: boolean }> }>;
    enums: Array<{ name: string; values: Array<{ name: string }> }>;
    refs: Array<{ endpoints: DbmlEndpoint[] }>;
  }>;
}

describe.each(names)('%s', (name) => {
  it('DBML parses back into the same tables, columns, enums and references', () => {
    const { schema, diagram } = models.get(name)!;
    const text = schemaDbml(documentedSchema(schema, diagram));
    const database = Parser.parse(text, 'dbmlv2') as unknown as DbmlDatabase;

    const tables = database.schemas.flatMap((s) => s.tables.map((t) => ({ ...t, id: `${s.name}.${t.name}` })));
    expect(tables.map((t) => t.id).sort()).toEqual(diagram.tables.map((t) => t.id).sort());
    for (const table of tables) {
      const model = schema.tables.find((t) => tableId(t) === table.id)!;
      expect(table.fields.map((f) => f.name), table.id).toEqual(model.columns.map((c) => c.name));
      expect(table.note ?? null, table.id).toBe(model.comment);
      const pk = model.primaryKey?.columns ?? [];
      if (pk.length === 1) expect(table.fields.filter((f) => f.pk).map((f) => f.name)).toEqual(pk);
    }

    const enums = database.schemas.flatMap((s) => s.enums.map((e) => ({ id: `${s.name}.${e.name}`, labels: e.values.map((v) => v.name) })));
    const usedSchemas = new Set(diagram.tables.map((t) => t.schema));
    expect(enums).toEqual(schema.enums.filter((e) => usedSchemas.has(e.schema)).map((e) => ({ id: `${e.schema}.${e.name}`, labels: e.labels })));

    const key = (from: DbmlEndpoint | { schema: string; name: string; columns: string[] }, to: typeof from): string => {
      const end = (e: typeof from): string =>
        'tableName' in e ? `${e.schemaName ?? 'public'}.${e.tableName}(${e.fieldNames.join(',')})` : `${e.schema}.${e.name}(${e.columns.join(',')})`;
      return `${end(from)}->${end(to)}`;
    };
    const parsedRefs = database.schemas.flatMap((s) => s.refs).map((ref) => {
      // The referencing end is the `*` (many) one, or for a one-to-one Ref the first written.
      const [a, b] = ref.endpoints as [DbmlEndpoint, DbmlEndpoint];
      return a.relation === '1' && b.relation === '*' ? key(b, a) : key(a, b);
    });
    const ids = new Set(diagram.tables.map((t) => t.id));
    const modelRefs = schemaRelations(schema)
      .filter((r) => ids.has(tableId(r.from)) && ids.has(tableId(r.references)))
      .map((r) => key(r.from, r.references));
    expect(parsedRefs.sort()).toEqual(modelRefs.sort());
    expect(modelRefs.length).toBeGreaterThan(0);
  });

  it('Markdown has well-formed tables, a section per table and every relation listed', () => {
    const { schema, diagram } = models.get(name)!;
    const doc = documentedSchema(schema, diagram);
    const text = schemaMarkdown(doc, diagram);
    const tokens = marked.lexer(text);
    const tableTokens: Tokens.Table[] = [];
    marked.walkTokens(tokens, (token) => {
      if (token.type === 'table') tableTokens.push(token as Tokens.Table);
    });
    expect(tableTokens.length).toBeGreaterThan(diagram.tables.length);
    for (const table of tableTokens) {
      // Every line of the table has exactly the header's cells: a stray `|` or newline would change that.
      const lines = table.raw.trim().split('\n');
      expect(lines.length).toBe(table.rows.length + 2);
      for (const line of lines) expect(line.split(/(?<!\\)\|/).length - 2, line).toBe(table.header.length);
      for (const cells of table.rows) expect(cells.length).toBe(table.header.length);
    }

    const headings = tokens.filter((t): t is Tokens.Heading => t.type === 'heading' && t.depth === 3).map((t) => t.text.replace(/\\(.)/g, '$1'));
    expect(headings).toEqual(diagram.tables.map((t) => t.id));

    // Each table's column table lists its columns in order, with the type as a code cell.
    const columnTables = tableTokens.filter((t) => t.header[0]!.text === 'column');
    expect(columnTables).toHaveLength(diagram.tables.length);
    columnTables.forEach((columns, index) => {
      const model = schema.tables.find((t) => tableId(t) === diagram.tables[index]!.id)!;
      expect(columns.rows.map((r) => unescapeCode(r[0]!.text))).toEqual(model.columns.map((c) => c.name));
      expect(columns.rows.map((r) => unescapeCode(r[1]!.text))).toEqual(model.columns.map((c) => c.type));
      expect(columns.rows.map((r) => r[2]!.text)).toEqual(model.columns.map((c) => (c.nullable ? 'yes' : 'no')));
    });

    // Every relation appears once as "References" (from its table) and once as "Referenced by".
    const referenceRows = tableTokens.filter((t) => t.header[0]!.text === 'columns').reduce((n, t) => n + t.rows.length, 0);
    const outgoing = doc.relations.filter((r) => doc.ids.has(tableId(r.from))).length;
    expect(referenceRows).toBe(outgoing);
    const unenforced = doc.relations.filter((r) => r.kind !== 'constraint' && doc.ids.has(tableId(r.from))).length;
    expect((text.match(/\*inferred, not enforced\*|\*declared, not enforced\*/g) ?? []).length).toBeGreaterThanOrEqual(unenforced);

    // Every in-page link lands on a heading, by GitHub's anchor rule (lower case, punctuation dropped, spaces as -).
    const slugs = new Set(
      tokens
        .filter((t): t is Tokens.Heading => t.type === 'heading')
        .map((t) => t.text.replace(/\\(.)/g, '$1').toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-')),
    );
    const targets = [...text.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(targets.length).toBeGreaterThan(diagram.tables.length);
    expect(targets.filter((t) => !slugs.has(t))).toEqual([]);

    const mermaidBlocks = tokens.filter((t): t is Tokens.Code => t.type === 'code' && t.lang === 'mermaid');
    const related = diagram.tables.filter((t) => diagram.relations.some((r) => r.from === t.id || r.to === t.id));
    expect(mermaidBlocks).toHaveLength(related.length);
  });
});

/** A code span cell's text as written (marked keeps `\|` escaped inside code in tables). */
function unescapeCode(cell: string): string {
  return cell.replace(/^`+ ?|`+$/g, '').replace(/ $/, '').replace(/\\\|/g, '|');
}
