/**
 * `npm run build`, after tsc: bundles the command line (dist/cli/main.js and what it imports, npm packages
 * included) into dist/bundle/, which bin/schema-to-miro.js starts.
 *
 * Why: Node 20 loads ES modules one file at a time (resolve, read, compile each), and kysely alone is 262
 * files; a `--db … --out x.json` run spent ~40% of its CPU time loading modules. A few large files load in
 * a fraction of that. Each dynamic `import()` stays a chunk of its own, so what is lazy stays lazy.
 *
 * Left out, and loaded from where they are installed:
 * - packages that find files beside themselves (PGlite's WebAssembly and data, resvg's native binary) or
 *   are only needed by `serve` (Fastify, pg-boss), and elkjs (already one file);
 * - our own `serve` (dist/serve/): it reads its panel assets beside itself, and starts only for `serve`.
 *   Every output file is one folder below dist/, like dist/serve/ and dist/source/, so a path relative to
 *   the module (`../serve/index.js`, the PGlite worker's `../source/pglite-worker.js`) holds in both.
 */
import { readFile, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { build, type Plugin } from 'esbuild';

const dist = join(import.meta.dirname, '..', 'dist');
const outdir = join(dist, 'bundle');
const serveDir = join(dist, 'serve') + sep;

const EXTERNAL_PACKAGES = [
  '@electric-sql/pglite',
  '@electric-sql/pglite/*',
  '@resvg/resvg-js',
  'elkjs',
  'elkjs/*',
  'fastify',
  '@fastify/*',
  'pg-boss',
  // pg's optional native binding, required only when asked for (never by us).
  'pg-native',
  // Used by the sources under tsx only (pglite-thread.ts).
  'tsx',
];

/** Our `serve` stays the compiled modules: imported as `../serve/…` from the bundle's folder. */
const serveOutside: Plugin = {
  name: 'serve-outside',
  setup(bundle) {
    bundle.onResolve({ filter: /^\.\.?\// }, (args) => {
      const target = join(args.resolveDir, args.path);
      if (!target.startsWith(serveDir)) return undefined;
      return { path: `../${relative(dist, target).split(sep).join('/')}`, external: true };
    });
  },
};

/**
 * pg asks whether it runs in a Cloudflare Worker by building a `Response` when `navigator` is missing (Node
 * 20): that loads Node's whole fetch implementation (undici), ~12 ms of a 0.2 s introspection. This bundle
 * runs in Node only, so the probe's answer is known; without the probe's text (another pg) nothing changes.
 */
const PG_CLOUDFLARE_PROBE = "if (typeof Response === 'function') {";
const pgWithoutCloudflareProbe: Plugin = {
  name: 'pg-without-cloudflare-probe',
  setup(bundle) {
    bundle.onLoad({ filter: /[\\/]node_modules[\\/]pg[\\/]lib[\\/]stream\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      return { contents: source.replace(PG_CLOUDFLARE_PROBE, 'if (false) {'), loader: 'js' };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { main: join(dist, 'cli', 'main.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[hash]',
  external: EXTERNAL_PACKAGES,
  plugins: [serveOutside, pgWithoutCloudflareProbe],
  // The CommonJS packages inside (pg, axios, graphology, picomatch...) call `require`; ES modules have none.
  banner: { js: "import { createRequire as __schemaToMiroRequire } from 'node:module'; const require = __schemaToMiroRequire(import.meta.url);" },
  metafile: true,
  logLevel: 'warning',
});
const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
const bytes = outputs.reduce((sum, [, output]) => sum + output.bytes, 0);
console.log(`command line bundled: ${outputs.length} files, ${(bytes / 1e6).toFixed(1)} MB in ${relative(process.cwd(), outdir) || outdir}`);
