import { afterEach } from 'vitest';
import { MiroClient, type MiroClientOptions } from '../../../src/miro/client.js';
import { StaticTokenProvider, type CredentialProvider } from '../../../src/miro/credentials.js';
import { startMiroEmulator, type EmulatorOptions, type MiroEmulator } from '../../../scripts/miro-emulator/index.js';

/** A distinctive token, so a test can assert that it never shows up in an error message. */
export const TEST_TOKEN = 'eyJtaXJvLXRlc3QtdG9rZW4tc2VjcmV0LTQyIn0';

export interface EmulatedMiro {
  emulator: MiroEmulator;
  client: MiroClient;
  boardId: string;
}

const running: Array<{ emulator: MiroEmulator; client: MiroClient }> = [];

afterEach(async () => {
  for (const { emulator, client } of running.splice(0)) {
    client.close();
    await emulator.close();
  }
});

/**
 * The production client against a fresh emulator over real HTTP, with one board and a valid token.
 * Backoff is shortened so that retry tests stay fast; everything else is the client's default.
 */
export async function startEmulatedMiro(
  options: {
    emulator?: EmulatorOptions;
    client?: Partial<MiroClientOptions>;
    credentials?: CredentialProvider;
    scopes?: string[];
  } = {},
): Promise<EmulatedMiro> {
  const emulator = await startMiroEmulator(options.emulator);
  emulator.tokens.issue(TEST_TOKEN, options.scopes ? { scopes: options.scopes } : {});
  const client = new MiroClient({
    baseUrl: emulator.url,
    credentials: options.credentials ?? new StaticTokenProvider(TEST_TOKEN, 'MIRO_ACCESS_TOKEN'),
    backoff: { baseMs: 10, maxMs: 50 },
    ...options.client,
  });
  running.push({ emulator, client });
  const board = emulator.boards.create({ name: 'Test board', teamId: 'team-1', ownerId: 'user-1' });
  return { emulator, client, boardId: board.id };
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** A shape body the spec accepts. */
export function shapeBody(index: number) {
  return {
    data: { shape: 'rectangle' as const, content: `<p>table_${index}</p>` },
    position: { x: index * 300, y: 0 },
    geometry: { width: 200, height: 120 },
  };
}
