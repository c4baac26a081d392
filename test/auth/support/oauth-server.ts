/**
 * The Miro emulator with its OAuth endpoints (scripts/miro-emulator/oauth.ts) on one clock, for the auth tests.
 */
import { startMiroEmulator, type EmulatorTokens, type MiroEmulator } from '../../../scripts/miro-emulator/index.js';
import { emulatorOAuth, type EmulatorOAuth } from '../../../scripts/miro-emulator/oauth.js';

export interface OAuthServer {
  /** Both the API base and the authorize-page base: the emulator serves both. */
  baseUrl: string;
  emulator: MiroEmulator;
  tokens: EmulatorTokens;
  oauth: EmulatorOAuth;
  close(): Promise<void>;
}

export async function startOAuthServer(now: () => number = Date.now): Promise<OAuthServer> {
  const emulator = await startMiroEmulator({ now });
  return {
    baseUrl: emulator.url,
    emulator,
    tokens: emulator.tokens,
    oauth: emulatorOAuth(emulator.tokens).configure({ now }),
    close: () => emulator.close(),
  };
}
