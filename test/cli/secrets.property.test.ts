/**
 * No database password in any output of a failing run, whatever shape the connection string has: generated
 * connection strings (URLs, malformed URLs, `?password=`, libpq keyword/value, quoted or bare) carrying a
 * random password, given by --db or DATABASE_URL, through the CLI's entry point with --json, --summary and
 * debug traces on. The runs fail fast (a parse error, or a refused connection to port 1).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { REPO_ROOT } from '../support/database.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 's2m-secrets-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** libpq's quoting of a keyword/value value: `'...'` with `\'` and `\\`. */
const quoted = (value: string): string => `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;

/** Connection strings of every shape, each with the password in it; `spaces` says whether the shape allows them. */
const SHAPES: { name: string; spaces: boolean; make: (pw: string) => string }[] = [
  { name: 'url refused', spaces: false, make: (pw) => `postgresql://app:${pw}@127.0.0.1:1/shop` },
  { name: 'url encoded', spaces: true, make: (pw) => `postgres://app:${encodeURIComponent(pw)}@127.0.0.1:1/shop` },
  { name: 'one slash', spaces: false, make: (pw) => `postgresql:/user:${pw}@host/db` },
  { name: 'no scheme', spaces: false, make: (pw) => `user:${pw}@host/db` },
  { name: 'other scheme', spaces: false, make: (pw) => `mysql://root:${pw}@localhost/x` },
  { name: 'bad port', spaces: false, make: (pw) => `postgresql://u:${pw}@h:99999/x` },
  { name: 'query password', spaces: false, make: (pw) => `postgresql://u@127.0.0.1:1/x?password=${encodeURIComponent(pw)}` },
  { name: 'query password, bad mode', spaces: false, make: (pw) => `postgresql://u@h/x?password=${pw}&sslmode=nope` },
  { name: 'key=value refused', spaces: false, make: (pw) => `host=127.0.0.1 port=1 user=u password=${pw} dbname=d` },
  { name: 'key=value quoted', spaces: true, make: (pw) => `host=127.0.0.1 port=1 password = ${quoted(pw)} dbname=d` },
  { name: 'key=value bad port', spaces: true, make: (pw) => `host=h password=${quoted(pw)} port=abc` },
  { name: 'key=value unknown key', spaces: false, make: (pw) => `password=${pw} schema=public` },
  { name: 'key=value unterminated', spaces: true, make: (pw) => `host=h password='${pw.replace(/[\\']/g, 'x')}` },
];

const PASSWORD_CHARS = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...`!"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}~`,
];

const password = (spaces: boolean): fc.Arbitrary<string> =>
  fc
    .array(fc.constantFrom(...PASSWORD_CHARS, ...(spaces ? [' '] : [])), { minLength: 8, maxLength: 24 })
    .map((chars) => `P${chars.join('')}9`);

interface Output {
  code: number;
  stdout: string;
  stderr: string;
  summary: string;
}

async function failingRun(connection: string, via: 'flag' | 'env', run: number): Promise<Output> {
  const summaryPath = join(work, `summary-${run}.md`);
  let stdout = '';
  let stderr = '';
  const args = ['--json', '--summary', summaryPath, '--out', join(work, 'x.json'), ...(via === 'flag' ? ['--db', connection] : [])];
  const code = await main(['node', 'schema-to-miro', ...args], {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: { HOME: work, XDG_CONFIG_HOME: work, SCHEMA_TO_MIRO_DEBUG: '1', PGCONNECT_TIMEOUT: '2', ...(via === 'env' ? { DATABASE_URL: connection } : {}) },
    cwd: work,
  });
  const summary = await readFile(summaryPath, 'utf8').catch(() => '');
  return { code, stdout, stderr, summary };
}

describe('a database password never reaches an output', () => {
  it('whatever the shape of the connection string (property)', async () => {
    let runs = 0;
    const shape = fc.constantFrom(...SHAPES);
    await fc.assert(
      fc.asyncProperty(
        shape.chain((s) => fc.tuple(fc.constant(s), password(s.spaces), fc.constantFrom<'flag' | 'env'>('flag', 'env'))),
        async ([s, pw, via]) => {
          const out = await failingRun(s.make(pw), via, runs++);
          expect(out.code, `${s.name}: ${out.stderr}`).toBe(3);
          expect(out.summary).toMatch(/Exit code 3/);
          expect(JSON.parse(out.stdout)).toMatchObject({ status: 'error', exitCode: 3 });
          for (const text of [out.stdout, out.stderr, out.summary]) expect(text, s.name).not.toContain(pw);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('in a real process, for the keyword/value form in DATABASE_URL', async () => {
    const pw = 'PlainPw99-subprocess';
    const summaryPath = join(work, 'subprocess.md');
    const result = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'src/cli/bin.ts'), '--json', '--summary', summaryPath, '--out', join(work, 'y.json')],
      {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: work,
          SCHEMA_TO_MIRO_DEBUG: '1',
          DATABASE_URL: `host=127.0.0.1 port=1 user=u password=${pw} dbname=d`,
        },
      },
    ).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/cannot connect to postgresql:\/\/u@127\.0\.0\.1:1\/d: connection refused/);
    const summary = await readFile(summaryPath, 'utf8');
    for (const text of [result.stdout, result.stderr, summary]) expect(text).not.toContain(pw);
  });
});
