// Started as `node --import <this file>`, records every module the process loads into the file named by
// RECORD_LOADED_MODULES, one URL or path a line: ES modules through a load hook (which also sees the entry
// point of every CommonJS package imported from ESM), CommonJS files from require's cache at exit.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const file = process.env.RECORD_LOADED_MODULES;
if (file) {
  register('./record-loaded-modules-hooks.mjs', import.meta.url, { data: { file } });
  process.on('exit', () => {
    const cache = createRequire(import.meta.url).cache;
    appendFileSync(file, Object.keys(cache).map((path) => `${path}\n`).join(''));
  });
}
