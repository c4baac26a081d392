/**
 * Relations without constraints on a Rails-style schema read from real catalogs (embedded PostgreSQL):
 * what `--infer-relations` finds and skips, what config `relations` accepts and refuses, and how the
 * diagram and scene carry them (dashed, with the legend line).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDiagram } from '../../src/graph/index.js';
import { introspect } from '../../src/introspect/index.js';
import { layoutDiagram } from '../../src/layout/index.js';
import type { DatabaseSchema } from '../../src/model/schema.js';
import { buildScene } from '../../src/scene/index.js';
import { NOT_ENFORCED_LEGEND } from '../../src/scene/title.js';
import { addRelations, inferRelations } from '../../src/relations/index.js';
import { openSource } from '../../src/source/index.js';

const RAILS_SQL = `
CREATE SCHEMA billing;
CREATE TABLE companies (id bigint PRIMARY KEY, name text);
CREATE TABLE people (id bigint PRIMARY KEY, company_id bigint, name text);
CREATE TABLE categories (id bigint PRIMARY KEY, parent_id bigint);
CREATE TABLE statuses (id integer PRIMARY KEY, label text);
CREATE TABLE tags (id uuid PRIMARY KEY);
CREATE TABLE posts (
  id bigint PRIMARY KEY,
  person_id bigint NOT NULL,
  category_id bigint,
  status_id integer,
  tag_id bigint,               -- tags.id is uuid: no relation
  legacy_thing_id bigint,      -- no such table
  commentable_type text,       -- polymorphic pair: skipped
  commentable_id bigint,
  company_id bigint REFERENCES companies (id)   -- a real foreign key: never inferred again
);
CREATE TABLE billing.invoices (id bigint PRIMARY KEY, company_id bigint, person_ref bigint);
CREATE UNIQUE INDEX ON billing.invoices (company_id);
CREATE TABLE commentables (id bigint PRIMARY KEY);
`;

let folder: string;
let schema: DatabaseSchema;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 's2m-relations-'));
  const file = join(folder, 'rails.sql');
  await writeFile(file, RAILS_SQL);
  const source = await openSource({ kind: 'sql', paths: [file] });
  try {
    schema = await introspect(source);
  } finally {
    await source.close();
  }
}, 60_000);

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

function keys(relations: { from: { schema: string; name: string; columns: string[] }; references: { schema: string; name: string; columns: string[] } }[]): string[] {
  return relations.map((r) => `${r.from.schema}.${r.from.name}(${r.from.columns.join(',')})->${r.references.schema}.${r.references.name}(${r.references.columns.join(',')})`).sort();
}

describe('inferRelations', () => {
  it('finds <name>_id -> <name>/<plural>.id of the same type, in the own schema, then the search path', () => {
    expect(keys(inferRelations(schema))).toEqual([
      'billing.invoices(company_id)->public.companies(id)',
      'public.people(company_id)->public.companies(id)',
      'public.posts(category_id)->public.categories(id)',
      'public.posts(person_id)->public.people(id)',
      'public.posts(status_id)->public.statuses(id)',
    ]);
  });

  it('looks in no schema off the search path', () => {
    expect(keys(inferRelations(schema, { searchPath: ['billing'] })).filter((k) => k.startsWith('billing.'))).toEqual([]);
  });

  it('gives each relation the kind and a stable id', () => {
    const [first] = inferRelations(schema);
    expect(first).toMatchObject({ kind: 'inferred', id: 'inferred:billing.invoices(company_id)->public.companies(id)' });
  });
});

describe('addRelations', () => {
  it('leaves the model untouched when nothing is asked for', () => {
    expect(addRelations(schema)).toBe(schema);
  });

  it('adds declared relations, and inference skips the columns they cover', () => {
    const model = addRelations(schema, {
      declared: [{ from: 'billing.invoices(person_ref)', to: 'people(id)' }, { from: 'public.people(company_id)', to: 'public.companies(id)' }],
      infer: true,
    });
    const declared = model.relations!.filter((r) => r.kind === 'declared');
    expect(keys(declared)).toEqual(['billing.invoices(person_ref)->public.people(id)', 'public.people(company_id)->public.companies(id)']);
    expect(model.relations!.filter((r) => r.kind === 'inferred' && r.from.name === 'people')).toEqual([]);
    expect(model.relations!.map((r) => r.id)).toEqual([...model.relations!.map((r) => r.id)].sort());
  });

  it.each([
    [{ from: 'orders(customer_ref)', to: 'companies(id)' }, 'config relations[0].from: no table orders in the schema'],
    [{ from: 'people(nope)', to: 'companies(id)' }, 'config relations[0].from: table public.people has no column "nope"'],
    [{ from: 'people', to: 'companies(id)' }, 'config relations[0].from: "people" is not schema.table(column), such as public.orders(customer_id)'],
    [{ from: 'people(company_id, name)', to: 'companies(id)' }, 'config relations[0]: 2 column(s) in "from" but 1 in "to"'],
  ])('refuses %j with one line', (spec, message) => {
    expect(() => addRelations(schema, { declared: [spec] })).toThrow(message);
  });
});

describe('unenforced relations in the diagram and scene', () => {
  it('keeps crow-foot ends by the column rules, draws them dashed and adds the legend line', async () => {
    const model = addRelations(schema, { infer: true });
    const diagram = buildDiagram(model);
    const invoice = diagram.relations.find((r) => r.id === 'inferred:billing.invoices(company_id)->public.companies(id)')!;
    // Unique and nullable: one invoice per company at most, and an invoice may have no company.
    expect(invoice).toMatchObject({ kind: 'inferred', fromEnd: 'zero_or_one', toEnd: 'zero_or_one' });
    const post = diagram.relations.find((r) => r.id === 'inferred:public.posts(person_id)->public.people(id)')!;
    expect(post).toMatchObject({ fromEnd: 'zero_or_many', toEnd: 'exactly_one' });

    const scene = buildScene(diagram, await layoutDiagram(diagram));
    const styles = new Map(scene.connectors.map((c) => [c.id, c.style]));
    expect(styles.get(post.id)).toBe('dashed');
    expect(styles.get('public.posts.posts_company_id_fkey')).toBe('solid');
    expect(scene.title.lines).toContain(NOT_ENFORCED_LEGEND);

    const plain = buildScene(buildDiagram(schema), await layoutDiagram(buildDiagram(schema)));
    expect(plain.title.lines).not.toContain(NOT_ENFORCED_LEGEND);
  });

  it('keeps the columns unenforced relations end at when columns are cut (--columns keys, --max-columns)', () => {
    const model = addRelations(schema, { infer: true, declared: [{ from: 'billing.invoices(person_ref)', to: 'public.people(id)' }] });
    const keysOnly = buildDiagram(model, { columns: 'keys' });
    const invoices = keysOnly.tables.find((t) => t.id === 'billing.invoices')!;
    expect(invoices.rows.map((r) => r.column)).toEqual(['id', 'company_id', 'person_ref']);
    const declared = keysOnly.relations.find((r) => r.kind === 'declared')!;
    expect(declared.fromRow).toBe(2);
    // Without the relations, the plain column is cut like any other (company_id stays: it has a unique index).
    expect(buildDiagram(schema, { columns: 'keys' }).tables.find((t) => t.id === 'billing.invoices')!.rows.map((r) => r.column)).toEqual(['id', 'company_id']);
    const cut = buildDiagram(model, { maxColumns: 2 }).tables.find((t) => t.id === 'public.posts')!;
    expect(cut.rows.map((r) => r.column)).toEqual(['id', 'person_id', null]);
  });
});
