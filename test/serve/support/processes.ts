/** `schema-to-miro serve` as real processes (`node --import tsx src/cli/bin.ts serve …`), sharing one store. */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '../../auth/support/fixtures.js';
import { REPO_ROOT } from '../../support/database.js';
import type { ServeEnvironment } from './serve-harness.js';

export interface ServeProcess {
  child: ChildProcess;
  pid: number;
  origin: string;
  /** Everything it wrote (its JSON log lines and any error). */
  output(): string;
  exited: Promise<number | null>;
}

export async function startServeProcess(environment: ServeEnvironment, name: string, port?: number): Promise<ServeProcess> {
  const configPath = join(environment.dataDir, '..', `serve-${name}.config.json`);
  await writeFile(configPath, JSON.stringify(environment.config));
  const listenPort = port ?? (await freePort());
  const args = ['--import', 'tsx', join(REPO_ROOT, 'src/cli/bin.ts'), 'serve', '--config', configPath, '--port', String(listenPort)];
  args.push(...(environment.storeUrl !== null ? ['--store', environment.storeUrl] : ['--data-dir', environment.dataDir]));
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: environment.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const origin = `http://127.0.0.1:${listenPort}`;
  // Generous: two processes compile and start at once on a busy machine.
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve ${name} exited at start: ${output}`);
    const ready = await fetch(`${origin}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > until) throw new Error(`serve ${name} did not get ready: ${output.slice(0, 3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { child, pid: child.pid!, origin, output: () => output, exited };
}
