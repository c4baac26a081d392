/**
 * The run as a pipeline sees it: status and exit code, the --json document and the Markdown summary.
 */
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/exit-codes.js';
import { failureOutcome, outcomeJson, outcomeOf } from '../../src/cli/run-outcome.js';
import type { RunOptions } from '../../src/cli/run-options.js';
import type { RunResult } from '../../src/cli/run.js';
import { formatSummaryMarkdown } from '../../src/cli/summary.js';
import { SchemaToMiroError } from '../../src/errors.js';
import type { SyncReport } from '../../src/board/index.js';
import { shopDiagram } from '../render/fixtures.js';

const zero = { tables: 0, relations: 0, frames: 0, titles: 0, legends: 0, duplicates: 0 };

function report(changes: Partial<SyncReport['changes']> = {}, extra: Partial<SyncReport> = {}): SyncReport {
  return {
    boardId: 'uXjVb=',
    boardUrl: 'https://miro.com/app/board/uXjVb=/',
    boardName: 'App | ERD',
    created: false,
    dryRun: false,
    inSync: true,
    counts: { creates: zero, updates: zero, deletes: zero },
    marks: { set: 0, cleared: 0 },
    planned: { byOperation: {}, calls: 0, credits: 0, expectedSeconds: 0 },
    apiCalls: 3,
    writeCalls: 0,
    credits: 300,
    retries: 0,
    rateLimitWaits: 0,
    elapsedMs: 1234,
    changes: { tablesAdded: [], tablesRemoved: [], tablesChanged: [], relationsAdded: [], relationsRemoved: [], relationsChanged: [], enumTypesChanged: [], ...changes },
    unchanged: { tables: 3, relations: 2 },
    moved: { tables: 0, relations: 0 },
    kept: { tables: 0, relations: 0, frames: 0 },
    foreign: { items: 0, connectors: 0 },
    selfRelations: 0,
    identity: { signed: 4, adopted: [], claims: [] },
    history: null,
    ...extra,
  };
}

const result = (sync: SyncReport | null): RunResult => ({ database: 'app', tables: 3, outputs: [], sync, changeMark: 'changed in 7_x.sql' });
const options = (over: { check?: boolean; exitOnChange?: boolean } = {}) =>
  ({ exitOnChange: over.exitOnChange ?? false, miro: { check: over.check ?? false } }) as unknown as RunOptions;

describe('exit codes a pipeline acts on', () => {
  it('unchanged 0; changed 0, or 10 with --exit-code; --check 0 in sync, 11 out of sync', () => {
    const changed = report({ tablesAdded: ['public.x'] });
    expect(outcomeOf(result(report()), options({ exitOnChange: true }))).toMatchObject({ status: 'unchanged', exitCode: 0 });
    expect(outcomeOf(result(changed), options())).toMatchObject({ status: 'changed', exitCode: 0 });
    expect(outcomeOf(result(changed), options({ exitOnChange: true }))).toMatchObject({ status: 'changed', exitCode: ExitCode.changed });
    expect(outcomeOf(result(report()), options({ check: true }))).toMatchObject({ status: 'in_sync', exitCode: 0 });
    expect(outcomeOf(result(report({}, { inSync: false, dryRun: true })), options({ check: true }))).toMatchObject({
      status: 'out_of_sync',
      exitCode: ExitCode.outOfSync,
    });
    expect(failureOutcome(new SchemaToMiroError('miro_auth', 'x'), 'x').exitCode).toBe(ExitCode.miroAuth);
    expect(failureOutcome(new Error('bug'), 'bug').exitCode).toBe(ExitCode.internal);
  });
});

describe('the summary and the JSON result', () => {
  it('lists changes in a table, cut after 30 names, with Markdown in names escaped', () => {
    const many = Array.from({ length: 35 }, (_, i) => `public.t${String(i).padStart(2, '0')}`);
    const markdown = formatSummaryMarkdown(outcomeOf(result(report({ tablesAdded: many, tablesRemoved: ['public.a|b'] })), options()));
    expect(markdown).toMatch(/^### schema-to-miro: board updated\n\nBoard: \[App \\\| ERD\]\(https:\/\/miro\.com\/app\/board\/uXjVb=\/\)\n/);
    expect(markdown).toContain('| tables added | 35 | `public.t00`, ');
    expect(markdown).toContain('`public.t29`, and 5 more |');
    expect(markdown).toContain('| tables removed | 1 | `public.a\\|b` |');
    expect(markdown).toContain('Changed tables are marked “changed in 7\\_x.sql” on the board until the next run.');
    expect(markdown).toContain('API calls: 3 (0 writes), 300 credits, 1.2 s');
  });

  it('counts in the singular when there is one', () => {
    const one = { ...result(report({}, { writeCalls: 1 })), tables: 1 };
    const markdown = formatSummaryMarkdown(outcomeOf(one, options()));
    expect(markdown).toContain('(1 write)');
    expect(markdown).toContain('app, 1 table.');
    expect(markdown).not.toMatch(/\b1 (tables|writes)\b/);
  });

  it('a failure is one line in both, with its exit code', () => {
    const outcome = failureOutcome(new SchemaToMiroError('database', 'connection refused'), 'connection refused');
    expect(formatSummaryMarkdown(outcome)).toBe('### schema-to-miro: failed\n\nExit code 3: connection refused\n');
    expect(outcomeJson(outcome)).toEqual({
      status: 'error',
      exitCode: 3,
      error: 'connection refused',
      board: null,
      identity: null,
      changes: null,
      moved: null,
      changeMark: null,
      writes: null,
      api: null,
    });
  });
});

describe('the summary of a schema change', () => {
  const { diagram } = shopDiagram();
  const changedTable = diagram.tables[0]!.id;

  it('draws the changed tables and their neighbours as a Mermaid diagram', () => {
    const withDiagram: RunResult = { ...result(report({ tablesChanged: [changedTable] })), diagram };
    const markdown = formatSummaryMarkdown(outcomeOf(withDiagram, options()));
    const block = /```mermaid\n([\s\S]*?)```/.exec(markdown)?.[1];
    expect(block).toBeDefined();
    expect(block!.startsWith('erDiagram\n')).toBe(true);
    const neighbours = diagram.relations.filter((r) => r.from === changedTable || r.to === changedTable).flatMap((r) => [r.from, r.to]);
    const drawn = new Set([changedTable, ...neighbours].map((id) => diagram.tables.find((t) => t.id === id)!.name));
    for (const name of drawn) expect(block).toMatch(new RegExp(`^  ${name}( \\{)?$`, 'm'));
    const others = diagram.tables.filter((t) => !drawn.has(t.name));
    expect(others.length).toBeGreaterThan(0);
    for (const other of others) expect(block).not.toMatch(new RegExp(`^  ${other.name}( \\{)?$`, 'm'));
  });

  it('has no diagram when no table changed', () => {
    const markdown = formatSummaryMarkdown(outcomeOf({ ...result(report()), diagram }, options()));
    expect(markdown).not.toContain('```mermaid');
  });

  it('lists each inferred relation in the summary and the JSON, and counts declared ones', () => {
    const inferred = {
      kind: 'inferred' as const,
      id: 'inferred:public.posts(person_id)->public.people(id)',
      from: { schema: 'public', name: 'posts', columns: ['person_id'] },
      references: { schema: 'public', name: 'people', columns: ['id'] },
    };
    const declared = { ...inferred, kind: 'declared' as const, id: 'declared:x', from: { ...inferred.from, columns: ['author_ref'] } };
    const withRelations: RunResult = { ...result(null), unenforcedRelations: [declared, inferred] };
    const markdown = formatSummaryMarkdown(outcomeOf(withRelations, options()));
    expect(markdown).toContain('1 declared relation (config `relations`, not enforced).');
    expect(markdown).toContain('Inferred relations (not enforced): 1\n\n| from | to |\n|---|---|\n| `public.posts(person_id)` | `public.people(id)` |');
    expect(outcomeJson(outcomeOf(withRelations, options()))).toMatchObject({
      relations: [
        { kind: 'declared', from: 'public.posts(author_ref)', to: 'public.people(id)' },
        { kind: 'inferred', from: 'public.posts(person_id)', to: 'public.people(id)' },
      ],
    });
  });
});
