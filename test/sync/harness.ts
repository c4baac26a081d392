/**
 * A Miro emulator and the production client pointed at it, plus views of a board for assertions.
 */
import { MiroClient, type MiroClientOptions } from '../../src/miro/client.js';
import { StaticTokenProvider } from '../../src/miro/credentials.js';
import { readSignature, signatureKey } from '../../src/board/signature.js';
import { startMiroEmulator, type EmulatorOptions, type MiroEmulator } from '../../scripts/miro-emulator/index.js';

export const TEST_TOKEN = 'sync-test-token';

export interface Harness {
  emulator: MiroEmulator;
  client: (options?: Partial<MiroClientOptions>) => MiroClient;
  close: () => Promise<void>;
}

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startMiroEmulator(options);
  emulator.tokens.issue(TEST_TOKEN);
  const clients: MiroClient[] = [];
  return {
    emulator,
    client: (overrides = {}) => {
      const client = new MiroClient({
        baseUrl: emulator.url,
        credentials: new StaticTokenProvider(TEST_TOKEN, 'MIRO_ACCESS_TOKEN'),
        backoff: { baseMs: 5, maxMs: 50 },
        ...overrides,
      });
      clients.push(client);
      return client;
    },
    close: async () => {
      for (const client of clients) client.close();
      await emulator.close();
    },
  };
}

export interface BoardView {
  /** Signature key (`table:public.film`, `frame:public`, `title`) -> ids of items carrying it. */
  signed: Map<string, string[]>;
  /** Items without a signature. */
  unsigned: number;
  connectors: number;
  /** `fromKey -> toKey` per connector between signed items. */
  links: string[];
}

export function viewBoard(emulator: MiroEmulator, boardId: string): BoardView {
  const board = emulator.boards.require(boardId);
  const signed = new Map<string, string[]>();
  const keyOf = new Map<string, string>();
  let unsigned = 0;
  for (const item of board.items()) {
    const text = (item.type === 'frame' ? item.data.title : item.data.content) as string | undefined;
    const signature = readSignature(text);
    if (signature === null) {
      unsigned++;
      continue;
    }
    const key = signatureKey(signature);
    keyOf.set(item.id, key);
    signed.set(key, [...(signed.get(key) ?? []), item.id]);
  }
  const links = board
    .connectors()
    .map((c) => `${keyOf.get(c.startItem.id) ?? '?'} -> ${keyOf.get(c.endItem.id) ?? '?'}`)
    .sort();
  return { signed, unsigned, connectors: board.connectors().length, links };
}

/** Fails unless every signature is on exactly one item. */
export function duplicatesOf(view: BoardView): string[] {
  return [...view.signed].filter(([, ids]) => ids.length > 1).map(([key]) => key);
}
