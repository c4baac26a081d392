/**
 * For the tests of one `describe` block that run the CLI against the Miro emulator: an emulator storing
 * text in `textMode` with `token` issued, and an empty temporary folder (the CLI's working folder or home),
 * both started before the block's tests and gone after them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startMiroEmulator, type MiroEmulator, type TextMode } from '../../scripts/miro-emulator/index.js';

export interface EmulatorSession {
  readonly emulator: MiroEmulator;
  readonly folder: string;
}

export function emulatorSession(textMode: TextMode, token: string, folderPrefix: string): EmulatorSession {
  let emulator: MiroEmulator | undefined;
  let folder: string | undefined;
  beforeAll(async () => {
    emulator = await startMiroEmulator({ textMode });
    emulator.tokens.issue(token);
    folder = await mkdtemp(join(tmpdir(), folderPrefix));
  });
  afterAll(async () => {
    await emulator?.close();
    if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the emulator session starts before the tests of its describe block');
    return value;
  };
  return {
    get emulator() {
      return started(emulator);
    },
    get folder() {
      return started(folder);
    },
  };
}
