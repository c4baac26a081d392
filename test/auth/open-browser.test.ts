import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemBrowserOpener } from '../../src/auth/index.js';
import { temporaryFolder } from './support/fixtures.js';

let folder: Awaited<ReturnType<typeof temporaryFolder>>;
beforeEach(async () => {
  folder = await temporaryFolder();
});
afterEach(() => folder.remove());

describe.runIf(process.platform === 'linux')('opening the browser', () => {
  it('resolves false instead of failing when there is no xdg-open', async () => {
    const open = systemBrowserOpener({ env: { PATH: join(folder.path, 'nothing-here') } });
    expect(await open('https://miro.com/oauth/authorize?a=1')).toBe(false);
  });

  it('hands the URL to xdg-open as one argument, with no shell to interpret it', async () => {
    const recorded = join(folder.path, 'argv.txt');
    const fake = join(folder.path, 'xdg-open');
    await writeFile(fake, `#!/bin/sh\nprintf '%s\\n' "$#" "$1" > '${recorded}'\n`);
    await chmod(fake, 0o755);
    const url = 'https://miro.com/oauth/authorize?response_type=code&client_id=1&state=a;b$(touch pwned)`x`';
    expect(await systemBrowserOpener({ env: { PATH: folder.path } })(url)).toBe(true);
    let text = '';
    for (let i = 0; i < 100 && !text.endsWith('\n'); i += 1) {
      text = await readFile(recorded, 'utf8').catch(() => '');
      if (!text.endsWith('\n')) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(text).toBe(`1\n${url}\n`);
  });
});
