import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import fs from 'node:fs';
let t=Date.now(); const db = await PGlite.create(); console.log('create', Date.now()-t);
t=Date.now(); const blob = await db.dumpDataDir('gzip'); const buf = Buffer.from(await blob.arrayBuffer()); fs.writeFileSync('/tmp/pgdata.tgz', buf); console.log('gz dump size', buf.length, Date.now()-t);
await db.close();
t=Date.now(); const db2 = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync('/tmp/pgdata.tgz')]), extensions: { pg_trgm } }); console.log('create from gz dump', Date.now()-t);
await db2.exec('create extension pg_trgm; create table t(a text); create index on t using gin (a gin_trgm_ops);'); console.log('ext ok', Date.now()-t);
