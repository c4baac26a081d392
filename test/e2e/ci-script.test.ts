/**
 * `.ci/run` on a machine whose PostgreSQL does not come up: it must fail with the server's log, not carry on
 * into tests that would quietly fall back to the embedded database. The system commands it calls are
 * replaced by small scripts on PATH (the real script runs, in a real shell).
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/database.js';

let bin: string;
beforeAll(async () => {
  bin = await mkdtemp(join(tmpdir(), 's2m-ci-bin-'));
  const fake = async (name: string, body: string): Promise<void> => {
    await writeFile(join(bin, name), `#!/bin/sh\n${body}\n`);
    await chmod(join(bin, name), 0o755);
  };
  await fake('pg_ctlcluster', 'exit 0');
  await fake('pg_isready', 'exit 2');
  await fake('sleep', 'exit 0');
  await fake('apt-get', `echo "apt-get $*" >> ${join(bin, 'calls')}`);
  await fake('npm', `echo "npm $*" >> ${join(bin, 'calls')}`);
});
afterAll(async () => {
  await rm(bin, { recursive: true, force: true });
});

describe('.ci/run', () => {
  it.skipIf(!existsSync('/etc/postgresql'))('fails when PostgreSQL does not come up, before npm runs the tests', async () => {
    const result = await promisify(execFile)('bash', [join(REPO_ROOT, '.ci/run')], {
      env: { PATH: `${bin}:/usr/bin:/bin`, HOME: bin },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/PostgreSQL did not come up on 127\.0\.0\.1:5432 within 30 s; its log:/);
    const calls = await readFile(join(bin, 'calls'), 'utf8').catch(() => '');
    expect(calls).not.toMatch(/^npm /m);
  });
});
