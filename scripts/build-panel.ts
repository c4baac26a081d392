/**
 * `npm run build`, after tsc: bundles the board app's panel (src/serve/app/panel/) into
 * dist/serve/app/panel-assets/, where the compiled service reads it (src/serve/app/assets.ts).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ASSET_FILES, bundlePanel } from '../src/serve/app/assets.js';

const outDir = join(import.meta.dirname, '..', 'dist', 'serve', 'app', 'panel-assets');
const assets = await bundlePanel();
await mkdir(outDir, { recursive: true });
for (const file of ASSET_FILES) {
  const asset = assets.get(file);
  if (asset === undefined) throw new Error(`the panel bundle has no ${file}`);
  await writeFile(join(outDir, file), asset.body);
}
console.log(`panel bundled: ${ASSET_FILES.map((f) => `${f} ${assets.get(f)!.body.length} B`).join(', ')}`);
