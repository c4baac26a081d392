/**
 * `login`, `whoami` and `logout` as a person runs them: real commander parsing, the emulator over HTTP,
 * a scripted browser, and every line of output checked for secrets.
 */
import { stat, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerAuthCommands, type AuthCommandIo } from '../../src/cli/commands/auth.js';
import { isSchemaToMiroError } from '../../src/errors.js';
import { FileTokenStore, type Env } from '../../src/auth/index.js';
import type { MiroEmulator } from '../../scripts/miro-emulator/index.js';
import type { EmulatorOAuth } from '../../scripts/miro-emulator/oauth.js';
import { freePort, manualClock, scriptedBrowser, temporaryFolder, type ScriptedBrowserOptions } from './support/fixtures.js';
import { startOAuthServer } from './support/oauth-server.js';

const CLIENT_ID = '3458764599999999042';
const CLIENT_SECRET = 'cli-test-client-secret-5e8d1f';

let emulator: MiroEmulator;
let oauth: EmulatorOAuth;
let folder: Awaited<ReturnType<typeof temporaryFolder>>;
let clock: ReturnType<typeof manualClock>;
let env: Record<string, string>;
let output: string[];
/** Every secret any command saw or produced; none may appear in `output`. */
let secrets: Set<string>;

beforeEach(async () => {
  clock = manualClock();
  const server = await startOAuthServer(clock.now);
  emulator = server.emulator;
  oauth = server.oauth;
  folder = await temporaryFolder();
  const redirectUri = `http://localhost:${await freePort()}/callback`;
  oauth.registerApp({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [redirectUri] });
  env = {
    HOME: folder.path,
    XDG_CONFIG_HOME: join(folder.path, 'xdg'),
    MIRO_API_URL: emulator.url,
    MIRO_AUTH_URL: emulator.url,
    MIRO_CLIENT_ID: CLIENT_ID,
    MIRO_CLIENT_SECRET: CLIENT_SECRET,
    MIRO_REDIRECT_URI: redirectUri,
  };
  output = [];
  secrets = new Set([CLIENT_SECRET]);
});

afterEach(async () => {
  const everything = output.join('');
  for (const secret of secrets) expect(everything).not.toContain(secret);
  await emulator.close();
  await folder.remove();
});

const credentialsPath = () => join(folder.path, 'xdg', 'schema-to-miro', 'credentials.json');

interface Run {
  stdout: string;
  stderr: string;
  /** The one-line message the CLI would print for a failure, or null. */
  error: string | null;
  errorKind: string | null;
}

/** Runs one command the way src/cli/main.ts does: a program with the global `--token`, errors as one line. */
async function run(argv: string[], overrides: Partial<AuthCommandIo> & { env?: Env } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: AuthCommandIo = {
    stdout: { write: (chunk: string) => ((stdout += chunk), output.push(chunk)) },
    stderr: { write: (chunk: string) => ((stderr += chunk), output.push(chunk)) },
    env,
    stdin: null,
    openBrowser: async () => {
      throw new Error('this test does not expect a browser');
    },
    now: clock.now,
    ...overrides,
  };
  const program = new Command()
    .name('schema-to-miro')
    .exitOverride()
    .configureOutput({ writeOut: (t) => io.stdout.write(t), writeErr: (t) => io.stderr.write(t) })
    .option('--token <token>', 'Miro access token');
  registerAuthCommands(program, io);
  try {
    await program.parseAsync(['node', 'schema-to-miro', ...argv]);
    return { stdout, stderr, error: null, errorKind: null };
  } catch (error) {
    if (error instanceof CommanderError) return { stdout, stderr, error: error.message, errorKind: 'commander' };
    if (!isSchemaToMiroError(error)) throw error;
    output.push(error.message);
    return { stdout, stderr, error: error.message, errorKind: error.kind };
  }
}

/** Remembers the code Miro put into the redirect, so the secret scan covers it too. */
function watchedBrowser(options: ScriptedBrowserOptions = {}) {
  return scriptedBrowser({
    ...options,
    tamper: (redirect) => {
      const code = redirect.searchParams.get('code');
      if (code) secrets.add(code);
      options.tamper?.(redirect);
    },
  });
}

async function rememberStoredSecrets(): Promise<void> {
  for (const clientId of await new FileTokenStore(credentialsPath()).clientIds()) {
    const login = await new FileTokenStore(credentialsPath()).get(clientId);
    if (login) [login.accessToken, login.refreshToken ?? ''].filter(Boolean).forEach((s) => secrets.add(s));
  }
}

describe('schema-to-miro login / whoami / logout', () => {
  it('logs in, shows who, and logs out, revoking the token at Miro', async () => {
    const browser = watchedBrowser();
    const login = await run(['login'], { openBrowser: browser.open });
    expect(login.error).toBeNull();
    expect(login.stdout).toBe(
      'Logged in to Miro as Ada Lovelace (3458764500000000001) in team Analytical Engines (3458764500000000002).\n' +
        `Credentials stored in ${credentialsPath()}.\n`,
    );
    expect(login.stderr).toContain('Opened your browser to sign in to Miro');
    await rememberStoredSecrets();
    if (process.platform !== 'win32') expect((await stat(credentialsPath())).mode & 0o777).toBe(0o600);

    clock.advance(10 * 60_000);
    const whoami = await run(['whoami']);
    expect(whoami.error).toBeNull();
    const expiresAt = new Date(Date.parse('2025-06-01T12:00:00Z') + 3599_000).toISOString();
    expect(whoami.stdout).toBe(
      [
        'User:         Ada Lovelace (3458764500000000001)',
        'Team:         Analytical Engines (3458764500000000002)',
        'Organization: Emulated Org (3458764500000000003)',
        'Scopes:       boards:read boards:write',
        `Expires:      ${expiresAt} (in 50 min, refreshed automatically)`,
        `From:         stored login (client ${CLIENT_ID}) in ${credentialsPath()}`,
        '',
      ].join('\n'),
    );

    const stored = await new FileTokenStore(credentialsPath()).get(CLIENT_ID);
    const logout = await run(['logout']);
    expect(logout.error).toBeNull();
    expect(logout.stdout).toContain(`Logged out: Miro revoked the tokens of client ${CLIENT_ID}`);
    expect(emulator.tokens.check(stored!.accessToken).ok).toBe(false);
    expect(await new FileTokenStore(credentialsPath()).clientIds()).toEqual([]);

    expect((await run(['logout'])).stdout).toBe('Not logged in to Miro: nothing to forget.\n');
    const after = await run(['whoami']);
    expect(after.errorKind).toBe('miro_auth');
    expect(after.error).toBe('no Miro credentials: set MIRO_ACCESS_TOKEN or run `schema-to-miro login`');
  });

  it('with --no-browser prints the address and takes the pasted redirect', async () => {
    const stdin = new PassThrough();
    const browser = watchedBrowser({ paste: (address) => stdin.write(`${address}\n`) });
    let visited = false;
    const stderrWatcher = {
      write: (chunk: string) => {
        output.push(chunk);
        const match = /(http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?\S+)/.exec(chunk);
        if (match && !visited) {
          visited = true;
          void browser.open(match[1]!);
        }
      },
    };
    const login = await run(['login', '--no-browser'], { stdin, stderr: stderrWatcher });
    expect(login.error).toBeNull();
    expect(login.stdout).toContain('Logged in to Miro as Ada Lovelace');
    expect(output.join('')).toContain('To sign in to Miro, visit:');
    expect(output.join('')).toContain('paste here the address it is sent to');
    await rememberStoredSecrets();
  });

  it('reads the app from the config file when the environment has none', async () => {
    const configDir = join(folder.path, 'xdg', 'schema-to-miro');
    await mkdir(configDir, { recursive: true });
    await writeFile(
      join(configDir, 'config.json'),
      JSON.stringify({ miro: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: env.MIRO_REDIRECT_URI } }),
    );
    const { MIRO_CLIENT_ID: _id, MIRO_CLIENT_SECRET: _secret, MIRO_REDIRECT_URI: _uri, ...bare } = env;
    const browser = watchedBrowser();
    const login = await run(['login'], { env: bare, openBrowser: browser.open });
    expect(login.error).toBeNull();
    await rememberStoredSecrets();
    expect((await run(['whoami'], { env: bare })).stdout).toContain(`stored login (client ${CLIENT_ID})`);
  });

  it('names the missing app settings', async () => {
    const { MIRO_CLIENT_SECRET: _secret, MIRO_REDIRECT_URI: _uri, ...partial } = env;
    const login = await run(['login'], { env: partial });
    expect(login.errorKind).toBe('usage');
    expect(login.error).toMatch(/^login needs your Miro app: set MIRO_CLIENT_SECRET, MIRO_REDIRECT_URI \(or "miro"/);
  });

  it('refuses a forged state without storing anything', async () => {
    const browser = watchedBrowser({ tamper: (redirect) => redirect.searchParams.set('state', 'attacker') });
    const login = await run(['login'], { openBrowser: browser.open });
    expect(login.errorKind).toBe('miro_auth');
    expect(login.error).toMatch(/state/);
    expect(await new FileTokenStore(credentialsPath()).clientIds()).toEqual([]);
  });

  it('reports a denied consent', async () => {
    oauth.configure({ consent: 'deny' });
    const login = await run(['login'], { openBrowser: watchedBrowser().open });
    expect(login.errorKind).toBe('miro_auth');
    expect(login.error).toMatch(/^Miro reported access_denied/);
  });

  it('times out as asked', async () => {
    const login = await run(['login', '--no-browser', '--timeout', '0.2']);
    expect(login.error).toMatch(/^login timed out after 0.2 s/);
    const bad = await run(['login', '--timeout', 'soon']);
    expect(bad.errorKind).toBe('commander');
    expect(bad.stderr).toMatch(/--timeout.*positive number of seconds/);
  });

  it('whoami names a static token as the source, from the environment or --token, and never prints it', async () => {
    const token = 'static-token-from-ci-0123456789';
    secrets.add(token);
    emulator.tokens.issue(token, { scopes: ['boards:read'] });
    const fromEnv = await run(['whoami'], { env: { ...env, MIRO_ACCESS_TOKEN: token } });
    expect(fromEnv.error).toBeNull();
    expect(fromEnv.stdout).toContain('From:         MIRO_ACCESS_TOKEN\n');
    expect(fromEnv.stdout).toContain('Expires:      not reported by Miro (a static token)\n');
    expect(fromEnv.stderr).toContain('warning: these credentials lack boards:write');

    const fromFlag = await run(['whoami', '--token', token]);
    expect(fromFlag.stdout).toContain('From:         --token\n');

    const json = await run(['whoami', '--json'], { env: { ...env, MIRO_ACCESS_TOKEN: token } });
    expect(json.error).toBeNull();
    expect(JSON.parse(json.stdout)).toEqual({
      user: { id: '3458764500000000001', name: 'Ada Lovelace' },
      team: { id: '3458764500000000002', name: 'Analytical Engines' },
      organization: { id: '3458764500000000003', name: 'Emulated Org' },
      scopes: ['boards:read'],
      missingScopes: ['boards:write'],
      expiresAt: null,
      expiryKnown: false,
      refreshable: false,
      origin: 'MIRO_ACCESS_TOKEN',
    });
    expect(json.stdout).not.toContain(token);

    const rejected = await run(['whoami'], { env: { ...env, MIRO_ACCESS_TOKEN: 'static-but-unknown-token-987' } });
    secrets.add('static-but-unknown-token-987');
    expect(rejected.errorKind).toBe('miro_auth');
    expect(rejected.error).toMatch(/^Miro rejected the access token from MIRO_ACCESS_TOKEN \(HTTP 401/);
  });

  it('after the refresh token was revoked, whoami asks for a new login', async () => {
    const browser = watchedBrowser();
    await run(['login'], { openBrowser: browser.open });
    await rememberStoredSecrets();
    const stored = await new FileTokenStore(credentialsPath()).get(CLIENT_ID);
    oauth.revokeRefreshToken(stored!.refreshToken!);
    clock.advance(2 * 3600_000);
    const whoami = await run(['whoami']);
    expect(whoami.errorKind).toBe('miro_auth');
    expect(whoami.error).toMatch(/run `schema-to-miro login` again$/);
  });

  it('logout of an expired login refreshes first so that Miro revokes the refresh token too', async () => {
    await run(['login'], { openBrowser: watchedBrowser().open });
    await rememberStoredSecrets();
    clock.advance(2 * 3600_000);
    const logout = await run(['logout']);
    expect(logout.stdout).toContain('Logged out: Miro revoked');
    expect(oauth.counters.refreshes).toBe(1);
    expect(oauth.counters.revocations).toBe(1);
  });

  it('logout forgets locally and warns when Miro cannot revoke', async () => {
    await run(['login'], { openBrowser: watchedBrowser().open });
    await rememberStoredSecrets();
    const stored = await new FileTokenStore(credentialsPath()).get(CLIENT_ID);
    emulator.tokens.revoke(stored!.accessToken);
    const logout = await run(['logout']);
    expect(logout.stderr).toMatch(/^warning: Miro did not revoke the token \(HTTP 404: notFound: Failed to revoke token\)/);
    expect(logout.stdout).toContain('Logged out locally');
    expect(await new FileTokenStore(credentialsPath()).clientIds()).toEqual([]);
  });
});
