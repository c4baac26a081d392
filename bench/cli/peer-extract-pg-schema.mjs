// Peer for `npm run bench:cli`: extract-pg-schema reads the database at argv[2] and writes its model as JSON to argv[3].
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// A CommonJS package; its named exports are not visible to an ESM import.
const { extractSchemas } = createRequire(import.meta.url)('extract-pg-schema');

const [url, out] = process.argv.slice(2);
const schemas = await extractSchemas(url);
writeFileSync(out, JSON.stringify(schemas));
