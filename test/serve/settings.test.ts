/**
 * The service's settings: the config file's `sources` and `serve` sections are checked key by key, the
 * environment supplies every secret, and `schema-to-miro serve` stops with one line and exit code 2 when
 * something is missing, before anything listens.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/exit-codes.js';
import { main } from '../../src/cli/main.js';
import { Ajv } from 'ajv';
import { Command } from 'commander';
import { registerServeCommand } from '../../src/cli/commands/serve.js';
import { configJsonSchema, parseProjectConfig, SERVE_OPTIONS, type ServeOptionDeclaration } from '../../src/config/index.js';
import { TokenSealer } from '../../src/serve/auth/sealing.js';
import { resolveServeSettings } from '../../src/serve/index.js';

const ENV = { MIRO_CLIENT_ID: '1', MIRO_CLIENT_SECRET: 'client-secret', SCHEMA_TO_MIRO_SECRET: 'x'.repeat(40), HOME: '/home/someone' };

describe('the config sections of serve', () => {
  it('accepts sources and serve settings, and refuses what would be silently wrong', () => {
    const config = parseProjectConfig(
      { sources: { app: { dbEnv: 'APP_DATABASE_URL', schemas: ['public'], hookSecretEnv: 'APP_HOOK' }, docs: { sql: ['migrations/'] } }, serve: { port: 9000, leaseSeconds: 30, pollSeconds: 0.5 } },
      'c.json',
    );
    expect(config.sources?.['app']?.dbEnv).toBe('APP_DATABASE_URL');
    // The published JSON Schema says the same as the checks.
    const validate = new Ajv({ allErrors: true }).compile(configJsonSchema());
    expect(validate({ sources: config.sources, serve: config.serve }), JSON.stringify(validate.errors)).toBe(true);
    const refused = (value: unknown) => {
      expect(() => parseProjectConfig(value, 'c.json')).toThrow(/^c\.json: /);
      expect(validate(value), JSON.stringify(value)).toBe(false);
    };
    refused({ sources: { app: { dbEnv: 'A', sql: ['x'] } } });
    refused({ sources: { app: {} } });
    refused({ sources: { app: { dbEnv: 'postgres://user:pw@host/db' } } });
    refused({ sources: { 'App!': { sql: ['x'] } } });
    refused({ sources: { app: { sql: ['x'], url: 'postgres://h/db' } } });
    refused({ serve: { port: 'eighty' } });
    refused({ serve: { pollSeconds: 0.1 } });
    refused({ serve: { secret: 'no secrets in the file' } });
  });

  it('declares each setting once: the serve command has exactly the declared flags, the section exactly the declared keys', () => {
    const program = new Command();
    registerServeCommand(program, { env: {} });
    const serve = program.commands.find((c) => c.name() === 'serve')!;
    const declared = SERVE_OPTIONS as readonly ServeOptionDeclaration[];
    expect(serve.options.map((o) => o.long)).toEqual([...declared.flatMap((o) => (o.flag === undefined ? [] : [o.flag.split(' ')[0]])), '--config']);
    const everyKey = Object.fromEntries(declared.flatMap((o) => (o.key === undefined ? [] : [[o.key, 'default' in o && o.default !== undefined ? o.default : o.type === 'string' ? 'x' : 1]])));
    expect(Object.keys(parseProjectConfig({ serve: everyKey }, 'c.json').serve ?? {}).sort()).toEqual(Object.keys(everyKey).sort());
    expect(() => parseProjectConfig({ serve: { port: 70_000 } }, 'c.json')).toThrow(/"serve.port" must be a whole number from 0 to 65535/);
    expect(() => parseProjectConfig({ serve: { store: 'postgres://u:pw@h/db' } }, 'c.json')).toThrow(/unknown key "serve.store"/);
  });

  it('takes secrets and URLs from the environment only, naming what is missing', () => {
    expect(() => resolveServeSettings({}, null, {})).toThrow(/MIRO_CLIENT_ID, MIRO_CLIENT_SECRET, SCHEMA_TO_MIRO_SECRET/);
    expect(() => resolveServeSettings({}, { sources: { app: { dbEnv: 'APP_DATABASE_URL' } } }, ENV)).toThrow(/APP_DATABASE_URL, which is not set/);
    expect(() => resolveServeSettings({}, { sources: { app: { sql: ['x'], hookSecretEnv: 'APP_HOOK' } } }, ENV)).toThrow(/APP_HOOK, which is not set/);
    expect(() => resolveServeSettings({ store: 'mysql://x' }, null, ENV)).toThrow(/postgres:\/\//);
    expect(() => new TokenSealer('short')).toThrow(/at least 32 characters/);

    const settings = resolveServeSettings({}, { sources: { app: { dbEnv: 'APP_DATABASE_URL' } } }, { ...ENV, APP_DATABASE_URL: 'postgres://reader@db/app' });
    expect(settings).toMatchObject({ host: '127.0.0.1', port: 8787, publicOrigin: 'http://127.0.0.1:8787', secureCookies: false });
    expect(settings.app.redirectUri).toBe('http://127.0.0.1:8787/auth/miro/callback');
    expect(settings.store).toEqual({ kind: 'embedded', dataDir: '/home/someone/.local/share/schema-to-miro/serve' });
    expect(settings.sources.get('app')?.spec).toEqual({ kind: 'database', url: 'postgres://reader@db/app' });

    const behindHttps = resolveServeSettings({ port: 80 }, null, { ...ENV, MIRO_REDIRECT_URI: 'https://erd.example.com/auth/miro/callback', SCHEMA_TO_MIRO_STORE_URL: 'postgres://s2m@db/s2m' });
    expect(behindHttps).toMatchObject({ publicOrigin: 'https://erd.example.com', secureCookies: true, store: { kind: 'postgres', url: 'postgres://s2m@db/s2m' } });
  });

  it('`schema-to-miro serve` without its settings is a usage error of one line', async () => {
    const folder = await mkdtemp(join(tmpdir(), 's2m-serve-settings-'));
    try {
      const config = join(folder, 'serve.json');
      await writeFile(config, JSON.stringify({ sources: { app: { dbEnv: 'APP_DATABASE_URL' } } }));
      let stderr = '';
      const io = { stdout: { write: () => true }, stderr: { write: (chunk: string) => ((stderr += chunk), true) }, env: { ...ENV, MIRO_CLIENT_SECRET: 'client-secret-never-shown' } };
      const code = await main(['node', 'schema-to-miro', 'serve', '--config', config, '--data-dir', join(folder, 'data')], io);
      expect(code).toBe(ExitCode.usage);
      expect(stderr).toBe('schema-to-miro: source "app" reads its database URL from APP_DATABASE_URL, which is not set\n');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
