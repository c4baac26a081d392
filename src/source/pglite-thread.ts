/**
 * The embedded PostgreSQL in its worker thread (pglite-worker.ts), seen from the main thread: exec, query,
 * close, and `stop()`, which ends the thread at once, whatever statement it is running (a load that took
 * longer than `--load-timeout`).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { compilePgliteModules, type PgliteModules } from './pglite-options.js';
import type { PgliteCall, PgliteErrorFields, PgliteReply, PgliteRequest, PgliteWorkerData } from './pglite-protocol.js';

/** A statement PGlite rejected, with PostgreSQL's fields. */
export class PgliteStatementError extends Error {
  constructor(readonly fields: PgliteErrorFields) {
    super(fields.message);
  }
}

export interface PgliteThread {
  exec(text: string): Promise<void>;
  query(text: string, parameters: readonly unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
  /** Ends the thread now; pending calls reject. */
  stop(): Promise<void>;
}

type Pending = { resolve: (value: Record<string, unknown>[] | null) => void; reject: (error: Error) => void };

/** Compiled on first use (by Liftoff only, pglite-options.ts), for every later thread of the process. */
let compiled: Promise<PgliteModules> | undefined;

function compiledModules(): Promise<PgliteModules> {
  compiled ??= compilePgliteModules(true);
  return compiled;
}

let starts = 0;

export async function startPgliteThread(data: PgliteWorkerData): Promise<PgliteThread> {
  // A CLI run starts PGlite once: its thread compiles the WebAssembly itself (no second copy kept here).
  // A process that starts it again (a test file, a service) compiles it once and hands it to each thread.
  const modules = ++starts > 1 ? await compiledModules() : {};
  const worker = spawnWorker({ ...data, ...modules });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let ended: Error | null = null;
  const fail = (error: Error): void => {
    ended ??= error;
    for (const call of pending.values()) call.reject(ended);
    pending.clear();
  };
  worker.on('message', (reply: PgliteReply) => {
    const call = pending.get(reply.id);
    if (call === undefined) return;
    pending.delete(reply.id);
    if (reply.ok) call.resolve(reply.value);
    else call.reject(new PgliteStatementError(reply.error));
  });
  worker.on('error', (error) => fail(error));
  worker.on('exit', (code) => fail(new Error(`the embedded PostgreSQL stopped (exit code ${code})`)));

  const started = new Promise<Record<string, unknown>[] | null>((resolve, reject) => pending.set(0, { resolve, reject }));
  await started.catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });

  const call = (request: PgliteCall): Promise<Record<string, unknown>[] | null> => {
    if (ended !== null) return Promise.reject(ended);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } satisfies PgliteRequest);
    });
  };
  return {
    exec: async (text) => {
      await call({ kind: 'exec', text });
    },
    query: async (text, parameters) => (await call({ kind: 'query', text, parameters: [...parameters] })) ?? [],
    close: async () => {
      await call({ kind: 'close' }).catch(() => undefined);
      await worker.terminate();
    },
    stop: async () => {
      fail(new Error('the embedded PostgreSQL was stopped'));
      await worker.terminate();
    },
  };
}

/** From dist, the compiled worker; from the sources (tests, tsx), the TypeScript one through tsx's loader. */
function spawnWorker(data: PgliteWorkerData): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  // Through `../source/`: the same file from src/source/, dist/source/ and the command line's bundle (dist/bundle/).
  const entry = new URL(`../source/pglite-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSource) return new Worker(entry, { workerData: data });
  // The ESM entry of tsx's API (require.resolve would give its CommonJS one).
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsx = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(code, { eval: true, workerData: data });
}
