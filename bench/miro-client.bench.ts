/**
 * `npx tsx bench/miro-client.bench.ts [--quick]`: how close the Miro client's pacing comes to the floor
 * the credit rate limit sets, with the writes of a cold sync of a 500-table / 750-foreign-key schema
 * (25 bulk creates of 20 shapes, 750 connectors sent in parallel, the board read first), against the
 * emulator over real HTTP with an 80 ms round trip per call.
 *
 * - full run: Miro's real limit, 100,000 credits per one-minute window (takes about a minute);
 * - scaled run (also with --quick): the same rate at a tenth of the window (10,000 credits per 6 s) and
 *   30% of the workload, so that several windows reset within half a minute.
 * The floor is credits / budget x window. Each run starts at the beginning of a window (the slowest case:
 * starting later in a window leaves less of it to wait out); the target is "within 15%" of the floor.
 * Also prints the 429s the emulator answered (target: zero) and a virtual-time concurrency sweep.
 */
import { MiroClient } from '../src/miro/client.js';
import { StaticTokenProvider } from '../src/miro/credentials.js';
import type { MiroItemCreate as BulkItemCreate } from '../src/miro/openapi/index.js';
import { startMiroEmulator } from '../scripts/miro-emulator/index.js';
import { simulatePacedCalls } from '../scripts/simulated-miro.js';

const LATENCY_MS = 80;
const TOKEN = 'bench-token';

interface Scenario {
  name: string;
  creditsPerWindow: number;
  windowMs: number;
  tables: number;
  connectors: number;
}

async function run(scenario: Scenario): Promise<void> {
  const emulator = await startMiroEmulator({ creditsPerMinute: scenario.creditsPerWindow, windowMs: scenario.windowMs, validateResponses: false });
  emulator.tokens.issue(TOKEN);
  emulator.faults.setLatency(LATENCY_MS);
  const boardId = emulator.boards.create({ name: 'bench', teamId: 'team', ownerId: 'user' }).id;
  const client = new MiroClient({ baseUrl: emulator.url, credentials: new StaticTokenProvider(TOKEN, 'bench') });
  try {
    // Start right at the beginning of an emulator window (windows are aligned to multiples of their
    // length): the whole first window is then ahead of the run, the case that is slowest against the floor.
    await new Promise((resolve) => setTimeout(resolve, scenario.windowMs - (Date.now() % scenario.windowMs) + 20));
    const started = performance.now();
    await client.getBoard(boardId);
    await client.listItems(boardId);
    await client.listConnectors(boardId);
    const shapes: BulkItemCreate[] = Array.from({ length: scenario.tables }, (_, index) => ({
      type: 'shape',
      data: { shape: 'rectangle', content: `<p>table_${index}</p>` },
      position: { x: (index % 25) * 400, y: Math.floor(index / 25) * 400 },
      geometry: { width: 300, height: 200 },
    }));
    const created = await client.createItems(boardId, shapes);
    await Promise.all(
      Array.from({ length: scenario.connectors }, (_, index) =>
        client.createConnector(boardId, {
          startItem: { id: created[index % created.length]!.id, position: { x: '100%', y: '40%' } },
          endItem: { id: created[(index * 7 + 1) % created.length]!.id, position: { x: '0%', y: '20%' } },
          shape: 'elbowed',
        }),
      ),
    );
    const elapsedMs = performance.now() - started;
    const floorMs = (client.stats.credits / scenario.creditsPerWindow) * scenario.windowMs;
    console.log(`${scenario.name}`);
    console.log(`  calls ${client.stats.calls} (writes ${client.stats.writeCalls}), credits ${client.stats.credits}, retries ${client.stats.retries}`);
    console.log(`  429s answered by the emulator: ${emulator.stats.rejected429}; calls held by the pacer: ${client.stats.rateLimitWaits}`);
    console.log(`  wall ${(elapsedMs / 1000).toFixed(1)} s; floor ${(floorMs / 1000).toFixed(1)} s; wall/floor ${(elapsedMs / floorMs).toFixed(3)}`);
  } finally {
    client.close();
    await emulator.close();
  }
}

async function sweep(): Promise<void> {
  console.log('virtual time, 100,000 credits/min, 80 ms round trip, 3,000 calls of 100 credits:');
  for (const concurrency of [1, 2, 4, 8, 16]) {
    const result = await simulatePacedCalls({
      calls: 3_000,
      creditsPerCall: 100,
      concurrency,
      latencyMs: LATENCY_MS,
      serverBudget: 100_000,
      serverWindowMs: 60_000,
    });
    console.log(
      `  concurrency ${String(concurrency).padStart(2)}: ${(result.elapsedMs / 1000).toFixed(1)} s, floor ${(result.floorMs / 1000).toFixed(0)} s, ratio ${(result.elapsedMs / result.floorMs).toFixed(3)}, 429s ${result.rejected429}`,
    );
  }
}

const quick = process.argv.includes('--quick');
await sweep();
await run({ name: 'scaled: 10,000 credits per 6 s window, 150 tables, 225 connectors', creditsPerWindow: 10_000, windowMs: 6_000, tables: 150, connectors: 225 });
if (!quick) {
  await run({ name: "Miro's limit: 100,000 credits per minute, 500 tables, 750 connectors", creditsPerWindow: 100_000, windowMs: 60_000, tables: 500, connectors: 750 });
}
