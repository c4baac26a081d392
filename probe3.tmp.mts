import { openSource } from './src/source/index.js';
import { createServer } from 'node:net';
const fake = createServer((socket) => { let seen = false; socket.on('data', (c) => { if (!seen) { if (c.length === 8 && c.readInt32BE(4) === 80877103) { socket.write('N'); return; } seen = true; const a = Buffer.alloc(9); a.write('R',0); a.writeInt32BE(8,1); a.writeInt32BE(3,5); socket.write(a); return; } socket.end(); }); });
await new Promise<void>((d) => fake.listen(0, '127.0.0.1', d));
const port = (fake.address() as any).port;
try { await openSource({ kind: 'database', url: `postgresql://app@127.0.0.1:${port}/shop` }); } catch (e: any) { console.log(e.message, e.cause?.message); }
fake.close();
