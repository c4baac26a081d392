/**
 * The panel's browser code, bundled by esbuild from ./panel/: `app.js` (the SDK URL's page: opens the
 * panel when the app's icon is clicked), `panel.js` and `panel.css`. `npm run build` writes the bundle
 * beside the compiled module (dist/serve/app/panel-assets/, scripts/build-panel.ts); run from the
 * sources (tests, `tsx`) there is no such folder and the same bundle is made in memory at start.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export interface PanelAsset {
  body: string;
  contentType: string;
}

export type PanelAssets = ReadonlyMap<string, PanelAsset>;

export const ASSET_FILES = ['app.js', 'panel.js', 'panel.css'] as const;
const BUILT_DIR = new URL('./panel-assets/', import.meta.url);
const SOURCE_DIR = new URL('./panel/', import.meta.url);
const CONTENT_TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };

export async function loadPanelAssets(): Promise<PanelAssets> {
  const built = await Promise.all(ASSET_FILES.map((file) => readFile(new URL(file, BUILT_DIR), 'utf8').catch(() => null)));
  if (built.every((body) => body !== null)) return assetMap(ASSET_FILES.map((file, i) => [file, built[i]!]));
  return bundlePanel();
}

/** Bundles ./panel/ with esbuild (a build-time tool: a published package ships the built files). */
export async function bundlePanel(): Promise<PanelAssets> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: { app: fileURLToPath(new URL('app.ts', SOURCE_DIR)), panel: fileURLToPath(new URL('panel.ts', SOURCE_DIR)) },
    bundle: true,
    format: 'esm',
    target: ['chrome109', 'firefox115', 'safari16'],
    minify: true,
    legalComments: 'none',
    write: false,
    outdir: 'out',
    logLevel: 'silent',
  });
  const css = await build({ entryPoints: [fileURLToPath(new URL('panel.css', SOURCE_DIR))], bundle: true, minify: true, write: false, outdir: 'out', logLevel: 'silent' });
  const files = [...result.outputFiles, ...css.outputFiles].map((out): [string, string] => [out.path.split(/[\\/]/).pop()!, out.text]);
  return assetMap(files);
}

function assetMap(files: [string, string][]): PanelAssets {
  return new Map(files.map(([file, body]) => [file, { body, contentType: CONTENT_TYPES[file.split('.').pop()!] ?? 'application/octet-stream' }]));
}
