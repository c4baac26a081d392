/**
 * Whole-process benchmark of the command line: `npm run bench:cli` (it builds dist/ first).
 *
 * Every figure is a fresh process started as a user starts it (`node bin/schema-to-miro.js …`, the built
 * dist/, never tsx), timed from spawn to exit, with its peak resident memory from `/usr/bin/time -v`
 * (descendants included, so a shell pipeline counts its largest member). Beside our figures it runs the
 * same work done by the peers installable from npm (pg-structure, extract-pg-schema; each driven by a tiny
 * script in bench/cli/ that introspects and writes JSON) and by the floor (`pg_dump --schema-only`), and
 * prints ratios, since absolute times differ from machine to machine.
 *
 * Server: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/postgres
 * (a superuser URL: scratch databases are created and dropped). BENCH_RUNS runs per row (default 7).
 * `--only start,introspect,sql,svg` runs some groups. `--sql` rows run warm (cache primed by one uncounted
 * run) and cold (a new empty SCHEMA_TO_MIRO_CACHE_DIR every run).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'schema-to-miro.js');
const peers = join(root, 'bench', 'cli');
const sharedSchemas = resolve(root, '..', 'shared', 'schemas');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 7));
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const TIME = '/usr/bin/time';
const haveTime = existsSync(TIME);
const groups = onlyGroups(process.argv.slice(2));

type Group = 'start' | 'introspect' | 'sql' | 'svg';

function onlyGroups(args: string[]): Set<Group> {
  const all: Group[] = ['start', 'introspect', 'sql', 'svg'];
  const at = args.indexOf('--only');
  if (at < 0) return new Set(all);
  const wanted = (args[at + 1] ?? '').split(',');
  return new Set(all.filter((group) => wanted.includes(group)));
}

/** One process to start: argv and environment. Built anew for each run (cold runs get a new cache folder). */
interface Invocation {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

interface RunFigures {
  seconds: number;
  /** Peak resident set in MB, null without /usr/bin/time. */
  peakMb: number | null;
}

interface Series {
  tool: string;
  min: number;
  median: number;
  max: number;
  peakMb: number | null;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/** Runs one process to its end; a non-zero exit stops the benchmark with the tail of its stderr. */
function runOnce(invocation: Invocation): Promise<RunFigures> {
  const scratch = mkdtempSync(join(tmpdir(), 's2m-bench-cli-time-'));
  const report = join(scratch, 'time.txt');
  const [command, args] = haveTime
    ? [TIME, ['-f', '%M', '-o', report, invocation.command, ...invocation.args]]
    : [invocation.command, invocation.args];
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env: invocation.env ?? process.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const peakKb = haveTime ? Number(readFileSync(report, 'utf8').trim().split('\n').at(-1)) : NaN;
      rmSync(scratch, { recursive: true, force: true });
      if (code !== 0) {
        reject(new Error(`${invocation.command} ${invocation.args.join(' ')} exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
        return;
      }
      resolvePromise({ seconds, peakMb: Number.isFinite(peakKb) ? peakKb / 1024 : null });
    });
  });
}

async function series(tool: string, next: () => Invocation, options: { prime?: boolean } = {}): Promise<Series> {
  if (options.prime) await runOnce(next());
  const runs: RunFigures[] = [];
  for (let run = 0; run < RUNS; run++) runs.push(await runOnce(next()));
  const seconds = runs.map((r) => r.seconds);
  const peaks = runs.map((r) => r.peakMb).filter((mb): mb is number => mb !== null);
  return {
    tool,
    min: Math.min(...seconds),
    median: median(seconds),
    max: Math.max(...seconds),
    peakMb: peaks.length > 0 ? Math.max(...peaks) : null,
  };
}

/** A target of issue 16, checked against our median and peak. */
interface Target {
  seconds?: number;
  peakMb?: number;
}

function verdict(ours: Series, target: Target | undefined): string {
  if (target === undefined || (target.seconds === undefined && target.peakMb === undefined)) return '';
  const misses: string[] = [];
  if (target.seconds !== undefined && ours.median > target.seconds) misses.push(`> ${target.seconds} s`);
  if (target.peakMb !== undefined && ours.peakMb !== null && ours.peakMb > target.peakMb) misses.push(`> ${target.peakMb} MB`);
  const wanted = [target.seconds !== undefined ? `${target.seconds} s` : '', target.peakMb !== undefined ? `${target.peakMb} MB` : '']
    .filter(Boolean)
    .join(', ');
  return misses.length === 0 ? `target ${wanted}: ok` : `target ${wanted}: MISSED (${misses.join(', ')})`;
}

function printRow(work: string, rows: Series[], target?: Target): void {
  const [ours] = rows;
  if (ours === undefined) return;
  for (const row of rows) {
    const ratio = row === ours ? verdict(ours, target) : `ours/this ${(ours.median / row.median).toFixed(2)}x time` +
      (ours.peakMb !== null && row.peakMb !== null ? `, ${(ours.peakMb / row.peakMb).toFixed(2)}x memory` : '');
    console.log(
      `${(row === ours ? work : '').padEnd(38)} ${row.tool.padEnd(26)} ${row.min.toFixed(3).padStart(7)} ${row.median.toFixed(3).padStart(7)} ` +
        `${row.max.toFixed(3).padStart(7)} ${(row.peakMb === null ? 'n/a' : row.peakMb.toFixed(0)).padStart(7)}  ${ratio}`,
    );
  }
}

function psql(url: string, args: string[]): void {
  const result = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`psql ${args.join(' ')}: ${result.stderr.toString('utf8').trim()}`);
}

function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function createDatabase(name: string, file: string): string {
  psql(adminUrl, ['-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
  psql(adminUrl, ['-c', `CREATE DATABASE ${name}`]);
  const url = databaseUrl(name);
  psql(url, ['-f', file]);
  return url;
}

function dropDatabase(name: string): void {
  try {
    psql(adminUrl, ['-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
  } catch {
    // Left behind; the name carries the pid, so it never collides.
  }
}

const node = process.execPath;
const ours = (args: string[], env?: NodeJS.ProcessEnv): Invocation => ({ command: node, args: [bin, ...args], ...(env ? { env } : {}) });

function supports(flag: string): boolean {
  return spawnSync(node, [bin, flag], { stdio: 'ignore' }).status === 0;
}

async function main(): Promise<void> {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const pgDump = spawnSync('pg_dump', ['--version'], { encoding: 'utf8' });
  const havePgDump = pgDump.status === 0;
  const load = (): string => loadavg().map((n) => n.toFixed(2)).join(' ');
  console.log(
    `CLI benchmark: ${RUNS} runs per row, node ${process.version}, server ${new URL(adminUrl).host}, ` +
      `${havePgDump ? pgDump.stdout.trim() : 'no pg_dump'}, load average ${load()}`,
  );
  if (!haveTime) console.log(`(no ${TIME}: peak memory is not measured)`);
  console.log(`${'work'.padEnd(38)} ${'tool'.padEnd(26)} ${'min s'.padStart(7)} ${'med s'.padStart(7)} ${'max s'.padStart(7)} ${'peak MB'.padStart(7)}  ratio / target`);

  const scratch = mkdtempSync(join(tmpdir(), 's2m-bench-cli-'));
  const created: string[] = [];
  /** The server path's databases, one per run, dropped after each row. */
  const serverDatabases: string[] = [];
  const out = (name: string): string => join(scratch, name);
  const warmCache = join(scratch, 'warm-cache');
  const cold = (): NodeJS.ProcessEnv => ({ ...process.env, SCHEMA_TO_MIRO_CACHE_DIR: mkdtempSync(join(scratch, 'cold-cache-')) });
  const warm: NodeJS.ProcessEnv = { ...process.env, SCHEMA_TO_MIRO_CACHE_DIR: warmCache };
  try {
    if (groups.has('start')) {
      const floor = await series('node -e 0 (floor)', () => ({ command: node, args: ['-e', '0'] }));
      printRow('--help', [await series('schema-to-miro', () => ours(['--help'])), floor], { seconds: 0.12 });
      if (supports('--version')) printRow('--version', [await series('schema-to-miro', () => ours(['--version'])), floor], { seconds: 0.12 });
      else console.log('--version'.padEnd(38), 'not supported by this build');
    }

    const schemas = ['chinook', 'pagila', 'lago-api'].filter((name) => {
      const present = existsSync(join(sharedSchemas, `${name}.sql`));
      if (!present) console.log(`${name}: skipped, ${sharedSchemas} is not there`);
      return present;
    });
    const urls = new Map<string, string>();
    if (groups.has('introspect') || groups.has('svg')) {
      for (const name of schemas) {
        const db = `s2m_bench_cli_${name.replace(/\W/g, '_')}_${process.pid}`;
        created.push(db);
        urls.set(name, createDatabase(db, join(sharedSchemas, `${name}.sql`)));
      }
    }

    if (groups.has('introspect')) {
      for (const name of schemas) {
        const url = urls.get(name) ?? '';
        const rows = [await series('schema-to-miro --db', () => ours(['--db', url, '--out', out(`${name}.json`), '--quiet']))];
        rows.push(await series('pg-structure', () => ({ command: node, args: [join(peers, 'peer-pg-structure.mjs'), url, out(`${name}.pgs.json`)] })));
        rows.push(await series('extract-pg-schema', () => ({ command: node, args: [join(peers, 'peer-extract-pg-schema.mjs'), url, out(`${name}.eps.json`)] })));
        if (havePgDump) rows.push(await series('pg_dump --schema-only', () => ({ command: 'pg_dump', args: ['--schema-only', '-f', out(`${name}.dump.sql`), url] })));
        printRow(`introspect ${name} to JSON`, rows, name === 'lago-api' ? { seconds: 0.2 } : undefined);
      }
    }

    if (groups.has('sql')) {
      const targets: Record<string, { warm: Target; cold: Target }> = {
        pagila: { warm: { seconds: 1.3, peakMb: 250 }, cold: { seconds: 2.5, peakMb: 350 } },
        'lago-api': { warm: { peakMb: 300 }, cold: {} },
      };
      let serverRun = 0;
      for (const name of schemas.filter((schema) => schema !== 'chinook')) {
        const file = join(sharedSchemas, `${name}.sql`);
        const args = ['--sql', file, '--out', out(`${name}.html`), '--quiet'];
        const warmRow = await series('schema-to-miro --sql', () => ours(args, warm), { prime: true });
        // The same work through a server: a new database, psql -f, then our --db (the database is dropped after).
        const server = await series('createdb+psql+ours --db', () => {
          const db = `s2m_bench_cli_server_${process.pid}_${serverRun++}`;
          serverDatabases.push(db);
          const url = databaseUrl(db);
          const script = `psql -X -q -d "$1" -c "CREATE DATABASE $2" && psql -X -q -v ON_ERROR_STOP=1 -d "$3" -f "$4" >/dev/null && "$5" "$6" --db "$3" --out "$7" --quiet`;
          return { command: 'sh', args: ['-c', script, 'sh', adminUrl, db, url, file, node, bin, out(`${name}.server.html`)] };
        });
        printRow(`--sql ${name} --out erd.html, warm`, [warmRow, server], targets[name]?.warm);
        printRow(`--sql ${name} --out erd.html, cold`, [await series('schema-to-miro --sql', () => ours(args, cold()))], targets[name]?.cold);
        for (const db of serverDatabases.splice(0)) dropDatabase(db);
      }
    }

    if (groups.has('svg') && urls.has('lago-api')) {
      const url = urls.get('lago-api') ?? '';
      printRow('lago-api --db --out erd.svg', [await series('schema-to-miro --db', () => ours(['--db', url, '--out', out('lago-api.svg'), '--quiet']))]);
    }
  } finally {
    for (const db of [...created, ...serverDatabases]) dropDatabase(db);
    rmSync(scratch, { recursive: true, force: true });
  }
  console.log(`load average at the end ${load()} (figures from a shared machine vary; compare ratios)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
