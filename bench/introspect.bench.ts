/**
 * Introspection benchmark: `npm run bench:introspect`.
 *
 * Builds a synthetic schema (1,000 tables, ~20 columns each, 1,500 foreign keys) in a scratch database on
 * a PostgreSQL server, introspects it 5 times and prints the median time and the queries sent per run;
 * then does the same for the real schemas in ../shared/schemas. Target: under 1 s and at most 10 queries.
 *
 * Server: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/postgres
 * (a superuser URL: scratch databases are created and dropped). `--pglite` also times the --sql path.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { introspect } from '../src/introspect/index.js';
import { openSource, type SourceSpec } from '../src/source/index.js';
import { syntheticSchemaSql } from '../scripts/synthetic-schema.js';

const RUNS = 5;
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const sharedSchemas = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'schemas');
const withPglite = process.argv.includes('--pglite');

interface Figures {
  label: string;
  tables: number;
  foreignKeys: number;
  medianMs: number;
  minMs: number;
  queries: number;
}

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function measure(label: string, spec: SourceSpec): Promise<Figures> {
  const times: number[] = [];
  let queries = 0;
  let tables = 0;
  let foreignKeys = 0;
  const source = await openSource(spec);
  try {
    for (let run = 0; run < RUNS; run++) {
      const before = source.queryCount();
      const started = performance.now();
      const model = await introspect(source, { views: true });
      times.push(performance.now() - started);
      queries = source.queryCount() - before;
      tables = model.tables.length;
      foreignKeys = model.tables.reduce((sum, t) => sum + t.foreignKeys.length, 0);
    }
  } finally {
    await source.close();
  }
  return { label, tables, foreignKeys, medianMs: median(times), minMs: Math.min(...times), queries };
}

/** Loads a script into a new scratch database: psql for dump files (as they expect), pg for generated SQL. */
async function scratchDatabase(name: string, script: { file?: string; sql?: string }): Promise<string> {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const url = databaseUrl(name);
  if (script.file) {
    execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', script.file], { stdio: ['ignore', 'ignore', 'inherit'] });
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(script.sql ?? '');
      await client.query('ANALYZE');
    } finally {
      await client.end();
    }
  }
  return url;
}

function print(figures: Figures): void {
  const verdict = figures.medianMs < 1000 && figures.queries <= 10 ? 'ok' : 'OVER TARGET';
  console.log(
    `${figures.label.padEnd(34)} ${String(figures.tables).padStart(5)} tables ${String(figures.foreignKeys).padStart(5)} FKs  ` +
      `median ${figures.medianMs.toFixed(1).padStart(7)} ms  min ${figures.minMs.toFixed(1).padStart(7)} ms  ${figures.queries} queries  ${verdict}`,
  );
}

async function main(): Promise<void> {
  console.log(`introspection benchmark: ${RUNS} runs each, server ${new URL(adminUrl).host}, node ${process.version}`);
  const created: string[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 's2m-bench-'));
  try {
    const synthetic = syntheticSchemaSql({ tables: 1000, columnsPerTable: 20, foreignKeys: 1500 });
    const name = `s2m_bench_synthetic_${process.pid}`;
    created.push(name);
    const loadStarted = performance.now();
    const url = await scratchDatabase(name, { sql: synthetic });
    console.log(`synthetic schema loaded in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);
    print(await measure('synthetic 1000 tables (server)', { kind: 'database', url }));
    if (withPglite) {
      const file = join(scratch, 'synthetic.sql');
      writeFileSync(file, synthetic);
      const started = performance.now();
      const figures = await measure('synthetic 1000 tables (PGlite)', { kind: 'sql', paths: [file] });
      print(figures);
      console.log(`  PGlite load + ${RUNS} runs: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }

    for (const file of ['chinook.sql', 'pagila.sql', 'lago-api.sql']) {
      const path = join(sharedSchemas, file);
      if (!existsSync(path)) {
        console.log(`${file}: skipped, ${sharedSchemas} is not there`);
        continue;
      }
      const dbName = `s2m_bench_${file.replace(/\W/g, '_')}_${process.pid}`;
      created.push(dbName);
      const dbUrl = await scratchDatabase(dbName, { file: path });
      print(await measure(`${file} (server)`, { kind: 'database', url: dbUrl }));
      if (withPglite) print(await measure(`${file} (PGlite)`, { kind: 'sql', paths: [path] }));
    }
  } finally {
    for (const name of created) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
