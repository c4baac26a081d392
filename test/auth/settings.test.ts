import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  configDirectory,
  mergeOAuthAppSettings,
  readOAuthAppSettings,
  requireOAuthApp,
  resolveMiroUrls,
} from '../../src/auth/index.js';
import { buildAuthorizeUrl } from '../../src/auth/authorize-url.js';
import { redirectParams } from '../../src/auth/pasted-redirect.js';
import { redirectTarget } from '../../src/auth/redirect-uri.js';
import { temporaryFolder } from './support/fixtures.js';

let folder: Awaited<ReturnType<typeof temporaryFolder>>;
beforeEach(async () => {
  folder = await temporaryFolder();
});
afterEach(() => folder.remove());

describe('where things are', () => {
  it('puts the config folder under XDG_CONFIG_HOME, else ~/.config, ignoring a relative XDG_CONFIG_HOME', () => {
    expect(configDirectory({ XDG_CONFIG_HOME: '/x/conf', HOME: '/home/a' })).toBe('/x/conf/schema-to-miro');
    expect(configDirectory({ HOME: '/home/a' })).toBe('/home/a/.config/schema-to-miro');
    expect(configDirectory({ XDG_CONFIG_HOME: 'relative', HOME: '/home/a' })).toBe('/home/a/.config/schema-to-miro');
  });

  it('defaults to Miro and lets MIRO_API_URL and MIRO_AUTH_URL point elsewhere', () => {
    expect(resolveMiroUrls({})).toEqual({ apiBaseUrl: 'https://api.miro.com', authBaseUrl: 'https://miro.com' });
    expect(resolveMiroUrls({ MIRO_API_URL: 'http://127.0.0.1:4000/', MIRO_AUTH_URL: 'http://127.0.0.1:4001/proxy/' })).toEqual({
      apiBaseUrl: 'http://127.0.0.1:4000',
      authBaseUrl: 'http://127.0.0.1:4001/proxy',
    });
    expect(() => resolveMiroUrls({ MIRO_API_URL: 'api.miro.com' })).toThrow('MIRO_API_URL is not a URL: "api.miro.com"');
    expect(() => resolveMiroUrls({ MIRO_AUTH_URL: 'ftp://miro.com' })).toThrow('MIRO_AUTH_URL must be an http or https URL, not ftp:');
    expect(() => resolveMiroUrls({ MIRO_API_URL: 'https://u:pw@api.miro.com' })).toThrow('must not contain a user name or password');
  });
});

describe('the Miro app settings', () => {
  it('reads the config file, and the environment wins', async () => {
    const dir = join(folder.path, 'schema-to-miro');
    await mkdir(dir);
    expect(await readOAuthAppSettings(dir)).toEqual({});
    await writeFile(join(dir, 'config.json'), JSON.stringify({ miro: { clientId: 'file-id', clientSecret: 'file-secret', redirectUri: ' ' } }));
    const fromFile = await readOAuthAppSettings(dir);
    expect(fromFile).toEqual({ clientId: 'file-id', clientSecret: 'file-secret' });
    expect(mergeOAuthAppSettings({ MIRO_CLIENT_ID: 'env-id', MIRO_REDIRECT_URI: 'http://localhost:8899/callback' }, fromFile)).toEqual({
      clientId: 'env-id',
      clientSecret: 'file-secret',
      redirectUri: 'http://localhost:8899/callback',
    });
  });

  it('names a broken config file', async () => {
    await writeFile(join(folder.path, 'config.json'), '{"miro": {"clientId": 42}}');
    await expect(readOAuthAppSettings(folder.path)).rejects.toThrow(`${join(folder.path, 'config.json')}: "miro.clientId" must be a string`);
    await writeFile(join(folder.path, 'config.json'), '{');
    await expect(readOAuthAppSettings(folder.path)).rejects.toThrow('is not valid JSON');
  });

  it('requires all three settings for a login and names the missing ones', () => {
    expect(() => requireOAuthApp({ clientId: 'a' }, '/c')).toThrow(
      'login needs your Miro app: set MIRO_CLIENT_SECRET, MIRO_REDIRECT_URI (or "miro": {"clientId", "clientSecret", "redirectUri"} in /c/config.json)',
    );
    expect(requireOAuthApp({ clientId: 'a', clientSecret: 'b', redirectUri: 'c' }, '/c')).toEqual({ clientId: 'a', clientSecret: 'b', redirectUri: 'c' });
  });
});

describe('the redirect', () => {
  it('listens only on loopback http addresses, on both families for localhost', () => {
    expect(redirectTarget('http://localhost:8899/callback')).toEqual({
      kind: 'loopback',
      hosts: ['127.0.0.1', '::1'],
      port: 8899,
      path: '/callback',
      uri: 'http://localhost:8899/callback',
    });
    expect(redirectTarget('http://127.0.0.1/cb')).toMatchObject({ kind: 'loopback', hosts: ['127.0.0.1'], port: 80 });
    expect(redirectTarget('http://[::1]:9000/cb')).toMatchObject({ kind: 'loopback', hosts: ['::1'], port: 9000 });
    expect(redirectTarget('https://localhost:8899/callback').kind).toBe('paste-only');
    expect(redirectTarget('http://192.168.1.5:8899/callback').kind).toBe('paste-only');
    expect(() => redirectTarget('localhost:8899')).toThrow(/MIRO_REDIRECT_URI must be an http or https URL/);
    expect(() => redirectTarget('http://localhost:0/cb')).toThrow('MIRO_REDIRECT_URI needs a real port, not 0');
  });

  it('understands a pasted address, or just its query, and nothing else', () => {
    expect(redirectParams('http://localhost:8899/callback?code=c1&state=s1')?.get('code')).toBe('c1');
    expect(redirectParams('?code=c2&state=s2')?.get('state')).toBe('s2');
    expect(redirectParams('code=c3&state=s3')?.get('code')).toBe('c3');
    expect(redirectParams('error=access_denied&state=s')?.get('error')).toBe('access_denied');
    expect(redirectParams('yes')).toBeNull();
    expect(redirectParams('http://localhost:8899/callback')).toBeNull();
  });

  it('builds the authorize address Miro documents', () => {
    expect(
      buildAuthorizeUrl('https://miro.com', { clientId: '123', redirectUri: 'http://localhost:8899/callback', state: 'abc', teamId: '9' }),
    ).toBe('https://miro.com/oauth/authorize?response_type=code&client_id=123&redirect_uri=http%3A%2F%2Flocalhost%3A8899%2Fcallback&state=abc&team_id=9');
  });
});
