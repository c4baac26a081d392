#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `prepack` for the published package, and by
// `npm ci` / `npm install` in a checkout through scripts/prepare.mjs), bundled into dist/bundle/ for a
// quick start (scripts/bundle-cli.ts).
import module from 'node:module';

// Node 22.1+ keeps V8's compiled code of our modules between runs (a faster start); older Node has no such call.
module.enableCompileCache?.();
try {
  const { main } = await import('../dist/bundle/main.js');
  process.exitCode = await main(process.argv);
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error);
  process.stderr.write(`schema-to-miro: cannot start: ${reason} (is the package built? run npm ci or npm run build)\n`);
  process.exitCode = 1;
}
