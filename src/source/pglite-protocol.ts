import type { PGliteOptions } from '@electric-sql/pglite';

/** PGlite's compiled WebAssembly (the WebAssembly global's type, as PGlite declares it). */
export type WasmModule = NonNullable<PGliteOptions['pgliteWasmModule']>;

/** The messages between the main thread (pglite-thread.ts) and the embedded PostgreSQL's worker (pglite-worker.ts). */

export interface PgliteWorkerData {
  /** Names of the extensions the scripts create; the worker imports their bundles. */
  extensions: string[];
  /** For the initdb cache folder (pglite-start.ts). */
  env: Record<string, string | undefined>;
  /** PGlite's WebAssembly, compiled once in the main thread: a new thread need not compile 9 MB again. */
  pgliteWasmModule?: WasmModule;
  initdbWasmModule?: WasmModule;
}

export type PgliteCall = { kind: 'exec'; text: string } | { kind: 'query'; text: string; parameters: unknown[] } | { kind: 'close' };

export type PgliteRequest = PgliteCall & { id: number };

/** Id 0 answers the start. A failure carries PostgreSQL's error fields (for `file:line` messages). */
export type PgliteReply =
  | { id: number; ok: true; value: Record<string, unknown>[] | null }
  | { id: number; ok: false; error: PgliteErrorFields };

export interface PgliteErrorFields {
  message: string;
  code?: string;
  position?: string;
}
