import { openSource } from './src/source/index.js';
import { queryConstraints, queryNamespaces } from './src/introspect/catalog-queries.js';
import type { CatalogTables } from './src/introspect/catalog-tables.js';
const s = await openSource({ kind: 'database', url: 'postgresql://postgres@127.0.0.1/pagila_probe' });
const db = s.db.withTables<CatalogTables>();
const ns = await queryNamespaces(db);
const rel = await queryConstraints(db, { namespaceOids: ns.map(n => n.oid), kinds: ['r','p','f'] });
console.log(rel.length, rel.filter(r => r.name.startsWith('payment_p2022_01')));
await s.close();
