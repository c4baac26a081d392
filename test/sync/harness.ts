/**
 * A Miro emulator and the production client pointed at it, plus views of a board for assertions.
 */
import { afterAll, beforeAll } from 'vitest';
import { MiroClient, type MiroClientOptions } from '../../src/miro/client.js';
import { StaticTokenProvider } from '../../src/miro/credentials.js';
import { readSignature, signatureKey } from '../../src/board/signature.js';
import { startMiroEmulator, type EmulatorOptions, type MiroEmulator, type StoredItem, type TextMode } from '../../scripts/miro-emulator/index.js';

export const TEST_TOKEN = 'sync-test-token';

/**
 * Both ways a board may store text: every sync test runs in each, with the same assertions. In
 * `normalising` mode the board drops the invisible signatures, so the sync must recognise its items by
 * what is visible.
 */
export const TEXT_MODES: readonly TextMode[] = ['verbatim', 'normalising'];

/**
 * The text the client last sent for an item (content, or a frame's title), before the board normalised it:
 * the test's way of knowing which scene element an item was written as, in either text mode.
 */
export function sentText(item: StoredItem): string | undefined {
  const text = item.type === 'frame' ? item.sent.title : item.sent.content;
  return typeof text === 'string' ? text : undefined;
}

/** The text as the board stores (and answers) it. */
export function storedText(item: StoredItem): string {
  const text = item.type === 'frame' ? item.data.title : item.data.content;
  return typeof text === 'string' ? text : '';
}

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

/**
 * A harness for the tests of one `describe` block: started before them, closed after, storing text in
 * `textMode`. Usable as a Harness once the block's tests run.
 */
export function harnessFor(textMode: TextMode, options: EmulatorOptions = {}): Harness {
  let current: Harness | undefined;
  beforeAll(async () => {
    current = await startHarness({ ...options, textMode });
  });
  afterAll(async () => {
    await current?.close();
  });
  const started = (): Harness => {
    if (current === undefined) throw new Error('the harness starts before the tests of its describe block');
    return current;
  };
  return {
    get emulator() {
      return started().emulator;
    },
    client: (overrides) => started().client(overrides),
    close: async () => current?.close(),
  };
}

export interface BoardView {
  /** Signature key (`table:public.film`, `frame:public`, `title`) -> ids of items the client wrote with it. */
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
    const signature = readSignature(sentText(item));
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
