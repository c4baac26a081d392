/**
 * How PGlite is started: settings that keep an embedded PostgreSQL that only ever holds a schema small.
 * Measured on pagila and lago-api (peak resident memory of loading the dump and introspecting it):
 * - `shared_buffers` 16MB instead of 128MB: emscripten zeroes the whole buffer pool when PostgreSQL maps
 *   it, so all of it is resident from the start (about 150 of the 189 MB of WebAssembly memory touched
 *   before the first statement); a schema's catalog fits in 16 MB. -80 to -100 MB.
 * - `full_page_writes` off: nothing here ever recovers from a crash, and the page images otherwise fill a
 *   second 16 MB WAL segment (in memory) while lago-api loads. -30 MB on lago-api.
 * - initdb with 1 MB WAL segments: the saved data folder and its copy in memory shrink by 15 MB.
 * - WebAssembly compiled by Liftoff only, without the tier-up to TurboFan: the optimised code and its
 *   compilation cost 60 to 110 MB, for work that lasts seconds and is not measurably faster for it.
 *   V8's flag is switched on only while PGlite's two modules compile (V8's flags are per process, so
 *   this holds in a worker thread too); pglite-thread.ts hands modules compiled here to later threads.
 * Everything PGlite is created with comes from here, so any place that creates PGlite (the main thread
 * or a worker) starts it the same way.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { PGliteOptions } from '@electric-sql/pglite';
import type { WasmModule } from './pglite-protocol.js';

/** Passed to PostgreSQL at every start, after PGlite's own (`PGlite.defaultStartParams`). */
export const PGLITE_SETTINGS: readonly string[] = ['shared_buffers=16MB', 'full_page_writes=off'];

/** Passed to initdb (after PGlite's own arguments), for the data folder that later starts reuse. */
export const PGLITE_INITDB_PARAMS: readonly string[] = ['--wal-segsize=1', '-c', 'shared_buffers=16MB'];

/** PGlite's WebAssembly, compiled by Liftoff only (`compilePgliteModules`). */
export type PgliteModules = Pick<PGliteOptions, 'pgliteWasmModule' | 'initdbWasmModule'>;

type ModuleName = 'pglite' | 'initdb';

/**
 * Modules compiled in this thread, reused while something holds them: a running PGlite does, so a
 * process that starts several reuses one compilation, while a run that has closed its PGlite lets the
 * code (20+ MB) be collected.
 */
const compiled = new Map<ModuleName, WeakRef<WasmModule>>();
const pending = new Map<ModuleName, Promise<WasmModule>>();
/** Compilations run one at a time, so the V8 flag is never switched off under another one. */
let compiling: Promise<unknown> = Promise.resolve();
/** Node's WebAssembly global (the project's type library declares its types, not the value). */
const webAssembly = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> } }).WebAssembly;

function pgliteDist(): string {
  return dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
}

function compileLiftoffOnly(name: ModuleName): Promise<WasmModule> {
  const next = compiling.then(async () => {
    const bytes = await readFile(join(pgliteDist(), `${name}.wasm`));
    setFlagsFromString('--liftoff-only');
    try {
      return await webAssembly.compile(bytes);
    } finally {
      setFlagsFromString('--no-liftoff-only');
    }
  });
  compiling = next.catch(() => undefined);
  return next;
}

/** The compiled module; undefined when it cannot be compiled here (PGlite then compiles it itself). */
async function module(name: ModuleName): Promise<WasmModule | undefined> {
  const alive = compiled.get(name)?.deref();
  if (alive !== undefined) return alive;
  let compilation = pending.get(name);
  if (compilation === undefined) {
    compilation = compileLiftoffOnly(name);
    pending.set(name, compilation);
  }
  try {
    const result = await compilation;
    compiled.set(name, new WeakRef(result));
    return result;
  } catch {
    return undefined;
  } finally {
    pending.delete(name);
  }
}

/** PGlite's module, and initdb's when `initdb` (a start without a saved data folder), compiled by Liftoff only. */
export async function compilePgliteModules(initdb: boolean): Promise<PgliteModules> {
  const pglite = await module('pglite');
  const initdbModule = initdb ? await module('initdb') : undefined;
  return {
    ...(pglite !== undefined ? { pgliteWasmModule: pglite } : {}),
    ...(initdbModule !== undefined ? { initdbWasmModule: initdbModule } : {}),
  };
}

/**
 * The options every PGlite of ours is created with. `modules` compiled by the caller are used as they
 * are; what is missing is compiled here. `initdb` when this start may run initdb (no saved data folder).
 */
export async function pgliteStartOptions(modules: PgliteModules, initdb: boolean): Promise<Partial<PGliteOptions>> {
  const missing = modules.pgliteWasmModule === undefined || (initdb && modules.initdbWasmModule === undefined);
  // PGlite itself is loaded where it runs (the worker), not by the thread that compiles for it.
  const { PGlite } = await import('@electric-sql/pglite');
  return {
    startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((setting) => ['-c', setting])],
    initDbStartParams: [...PGLITE_INITDB_PARAMS],
    ...(missing ? await compilePgliteModules(initdb) : {}),
    ...modules,
  };
}
