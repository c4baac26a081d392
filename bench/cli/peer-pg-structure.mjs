// Peer for `npm run bench:cli`: pg-structure reads the database at argv[2] and writes its model as JSON to argv[3].
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// A CommonJS package whose function is `exports.default`.
const pgStructure = createRequire(import.meta.url)('pg-structure').default;

const [url, out] = process.argv.slice(2);
let db;
try {
  db = await pgStructure(url);
} catch (error) {
  // pg-structure cannot resolve a trigger whose function lives in pg_catalog (pagila's tsvector_update_trigger)
  // unless it reads the system schemas too; that is the only way it reads such a schema, so it is what we time.
  process.stderr.write(`pg-structure retried with includeSystemSchemas: ${error.message}\n`);
  db = await pgStructure(url, { includeSystemSchemas: true });
}
writeFileSync(out, db.serialize());
// The failed first attempt leaves its connection open; do not wait for it.
process.exit(0);
