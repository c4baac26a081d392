/** The auth commands as wired into the real CLI entry point (src/cli/main.ts): exit codes and output. */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ExitCode } from '../../src/exit-codes.js';
import { temporaryFolder } from './support/fixtures.js';
import { startOAuthServer, type OAuthServer } from './support/oauth-server.js';

let server: OAuthServer;
let folder: Awaited<ReturnType<typeof temporaryFolder>>;

beforeEach(async () => {
  server = await startOAuthServer();
  folder = await temporaryFolder();
});
afterEach(async () => {
  await server.close();
  await folder.remove();
});

async function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'schema-to-miro', ...args], {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: { HOME: folder.path, XDG_CONFIG_HOME: join(folder.path, 'xdg'), MIRO_API_URL: server.baseUrl, MIRO_AUTH_URL: server.baseUrl, ...env },
  });
  return { code, stdout, stderr };
}

describe('schema-to-miro whoami / logout / login through main()', () => {
  it('whoami answers for MIRO_ACCESS_TOKEN without printing it', async () => {
    const token = 'main-static-token-31415926';
    server.tokens.issue(token);
    const result = await cli(['whoami'], { MIRO_ACCESS_TOKEN: token });
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stdout).toContain('User:         Ada Lovelace (3458764500000000001)');
    expect(result.stdout).toContain('From:         MIRO_ACCESS_TOKEN');
    expect(result.stdout + result.stderr).not.toContain(token);
  });

  it('maps missing credentials and a rejected token to the miro_auth exit code', async () => {
    const none = await cli(['whoami'], {});
    expect(none.code).toBe(ExitCode.miroAuth);
    expect(none.stderr).toBe('schema-to-miro: no Miro credentials: set MIRO_ACCESS_TOKEN or run `schema-to-miro login`\n');
    const rejected = await cli(['whoami', '--token', 'unknown-token-27182818'], {});
    expect(rejected.code).toBe(ExitCode.miroAuth);
    expect(rejected.stderr).toMatch(/^schema-to-miro: Miro rejected the access token from --token \(HTTP 401/);
    expect(rejected.stderr).not.toContain('unknown-token-27182818');
  });

  it('login without an app is a usage error; logout without a login is fine', async () => {
    const login = await cli(['login', '--no-browser'], { MIRO_CLIENT_ID: '1' });
    expect(login.code).toBe(ExitCode.usage);
    expect(login.stderr).toMatch(/^schema-to-miro: login needs your Miro app: set MIRO_CLIENT_SECRET, MIRO_REDIRECT_URI/);
    const logout = await cli(['logout'], {});
    expect(logout.code).toBe(ExitCode.ok);
    expect(logout.stdout).toBe('Not logged in to Miro: nothing to forget.\n');
  });
});
