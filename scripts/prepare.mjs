// `npm ci` / `npm install` in a checkout: build dist/ when TypeScript is installed (a development install).
// With `npm ci --omit=dev` there is no compiler and nothing to build from: the published package ships
// dist/ already built by `prepack`, so an install never needs the compiler.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

// `npm pack` and `npm publish` run prepare too, after prepack has built dist/: once is enough.
if (process.env.npm_command === 'pack' || process.env.npm_command === 'publish') process.exit(0);

const require = createRequire(import.meta.url);
let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc');
} catch {
  process.stderr.write('schema-to-miro: TypeScript is not installed (npm ci --omit=dev?); dist/ not built\n');
  process.exit(0);
}
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
// The board app's panel bundle (esbuild, a development dependency like the compiler).
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-panel.ts'], { stdio: 'inherit' });
// The command line's bundle, which bin/schema-to-miro.js starts (esbuild too).
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bundle-cli.ts'], { stdio: 'inherit' });
// The data folder of PGlite's initdb, shipped so that a first `--sql` run skips initdb (one PGlite start).
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-pglite-snapshot.ts'], { stdio: 'inherit' });
