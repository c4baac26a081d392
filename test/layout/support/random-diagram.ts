/**
 * Deterministic random diagrams for layout tests: tables with a few columns, foreign keys mostly to a
 * handful of hub tables (as real schemas have), some self-references and some tables without relations.
 */
import type { Diagram, DiagramRelation, DiagramRow, DiagramTable } from '../../../src/model/diagram.js';
import { seededRandom } from '../../../src/util/seeded-random.js';

export interface RandomDiagramOptions {
  tables: number;
  relationsPerTable?: number;
  schemas?: number;
  seed?: number;
  /** Share of relations that point at the first few (hub) tables. */
  hubShare?: number;
}

export function randomDiagram(options: RandomDiagramOptions): Diagram {
  const random = seededRandom(options.seed ?? 1);
  const schemas = Array.from({ length: options.schemas ?? 1 }, (_, i) => (i === 0 ? 'public' : `s${i}`));
  const tables: DiagramTable[] = [];
  for (let i = 0; i < options.tables; i++) {
    const schema = schemas[i % schemas.length] ?? 'public';
    const name = `t${String(i).padStart(4, '0')}`;
    const columnCount = 2 + Math.floor(random() * 8);
    const rows: DiagramRow[] = [{ column: 'id', label: 'id', type: 'bigint', nullable: false, key: 'pk' }];
    for (let c = 1; c < columnCount; c++) {
      rows.push({ column: `c${c}`, label: `column_${c}`, type: 'text', nullable: c % 2 === 0, key: null });
    }
    tables.push({ id: `${schema}.${name}`, schema, name, kind: 'table', comment: null, rows, hiddenColumns: 0 });
  }
  tables.sort((a, b) => (a.id < b.id ? -1 : 1));
  const relations: DiagramRelation[] = [];
  const total = Math.round(options.tables * (options.relationsPerTable ?? 1.5));
  const hubs = Math.max(1, Math.round(options.tables / 100));
  for (let k = 0; k < total; k++) {
    const from = tables[Math.floor(random() * tables.length)];
    const toIndex = random() < (options.hubShare ?? 0.3) ? Math.floor(random() * hubs) : Math.floor(random() * tables.length);
    const to = tables[toIndex];
    if (!from || !to) continue;
    const fromRow = 1 + Math.floor(random() * (from.rows.length - 1));
    relations.push({
      id: `${from.id}.fk_${String(k).padStart(5, '0')}`,
      kind: 'foreign_key',
      from: from.id,
      to: to.id,
      fromColumns: [from.rows[fromRow]?.column ?? 'id'],
      toColumns: ['id'],
      fromEnd: 'zero_or_many',
      toEnd: 'exactly_one',
      fromRow,
      toRow: 0,
    });
  }
  relations.sort((a, b) => (a.id < b.id ? -1 : 1));
  return { title: 'random', schemas: [...new Set(tables.map((t) => t.schema))].sort(), tables, relations, droppedRelations: 0 };
}
