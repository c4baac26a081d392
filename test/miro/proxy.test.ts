/**
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY: the Miro client and the OAuth calls go through a real CONNECT
 * proxy on 127.0.0.1 (a few lines of node:http and node:net here), to the Miro emulator behind it, and
 * around the proxy when NO_PROXY names the host. The proxy's password never shows in an error.
 */
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchTokenInfo } from '../../src/auth/miro-oauth-api.js';
import { MiroClient } from '../../src/miro/client.js';
import { StaticTokenProvider } from '../../src/miro/credentials.js';
import { createAxiosTransport } from '../../src/miro/http-transport.js';
import { proxyFor } from '../../src/miro/proxy.js';
import { startMiroEmulator, type MiroEmulator } from '../../scripts/miro-emulator/index.js';
import { TEST_TOKEN } from './support/emulated-miro.js';

interface TunnelProxy {
  url: string;
  /** `host:port` of each CONNECT, and the Proxy-Authorization header it came with. */
  tunnels: Array<{ target: string; authorization: string | undefined }>;
  close(): Promise<void>;
}

async function startTunnelProxy(): Promise<TunnelProxy> {
  const tunnels: TunnelProxy['tunnels'] = [];
  const server: Server = createServer((_request, response) => {
    response.writeHead(405).end('only CONNECT');
  });
  server.on('connect', (request, client, head) => {
    tunnels.push({ target: request.url ?? '', authorization: request.headers['proxy-authorization'] });
    const [host, port] = (request.url ?? '').split(':');
    const upstream = connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    close: () => new Promise((done) => {
      server.closeAllConnections();
      server.close(() => done());
    }),
  };
}

describe('proxyFor', () => {
  it('takes HTTPS_PROXY for https, HTTP_PROXY for http, ALL_PROXY for either, lower-case names too', () => {
    expect(proxyFor('https://api.miro.com/v2', { HTTPS_PROXY: 'http://p:3128' })?.href).toBe('http://p:3128/');
    expect(proxyFor('https://api.miro.com/v2', { https_proxy: 'p:3128' })?.href).toBe('http://p:3128/');
    expect(proxyFor('https://api.miro.com/v2', { HTTP_PROXY: 'http://p:3128' })).toBeNull();
    expect(proxyFor('http://127.0.0.1:9/', { HTTP_PROXY: 'http://p:1' })?.host).toBe('p:1');
    expect(proxyFor('https://api.miro.com/', { ALL_PROXY: 'http://q:2' })?.host).toBe('q:2');
    expect(proxyFor('https://api.miro.com/', {})).toBeNull();
  });

  it('skips hosts NO_PROXY names: domains with their subdomains, host:port, *', () => {
    const env = { HTTPS_PROXY: 'http://p:3128' };
    expect(proxyFor('https://api.miro.com/', { ...env, NO_PROXY: 'miro.com' })).toBeNull();
    expect(proxyFor('https://api.miro.com/', { ...env, NO_PROXY: '.miro.com' })).toBeNull();
    expect(proxyFor('https://api.miro.com/', { ...env, no_proxy: 'localhost, *.miro.com' })).toBeNull();
    expect(proxyFor('https://api.miro.com/', { ...env, NO_PROXY: '*' })).toBeNull();
    expect(proxyFor('https://api.miro.com/', { ...env, NO_PROXY: 'api.miro.com:443' })).toBeNull();
    expect(proxyFor('https://api.miro.com/', { ...env, NO_PROXY: 'api.miro.com:8443' })).not.toBeNull();
    expect(proxyFor('https://api.miro.com/', { ...env, NO_PROXY: 'ro.com,example.org' })).not.toBeNull();
  });
});

describe('Miro calls through a proxy', () => {
  let emulator: MiroEmulator;
  let proxy: TunnelProxy;
  let boardId: string;
  const saved = { ...process.env };

  beforeEach(async () => {
    emulator = await startMiroEmulator();
    emulator.tokens.issue(TEST_TOKEN);
    boardId = emulator.boards.create({ name: 'Proxied', teamId: 'team-1', ownerId: 'user-1' }).id;
    proxy = await startTunnelProxy();
  });

  afterEach(async () => {
    process.env = { ...saved };
    await proxy.close();
    await emulator.close();
  });

  function clientWith(env: NodeJS.ProcessEnv): MiroClient {
    return new MiroClient({
      baseUrl: emulator.url,
      credentials: new StaticTokenProvider(TEST_TOKEN, 'MIRO_ACCESS_TOKEN'),
      transport: createAxiosTransport({ maxSockets: 2, env }),
      backoff: { baseMs: 10, maxMs: 50 },
    });
  }

  it('tunnels the API client through the proxy, with the proxy credentials', async () => {
    const client = clientWith({ HTTP_PROXY: proxy.url.replace('//', '//ci:proxy-pass@') });
    try {
      expect((await client.getBoard(boardId)).name).toBe('Proxied');
      await client.listItems(boardId);
    } finally {
      client.close();
    }
    const target = new URL(emulator.url).host;
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(proxy.tunnels.every((t) => t.target === target)).toBe(true);
    expect(proxy.tunnels[0]!.authorization).toBe(`Basic ${Buffer.from('ci:proxy-pass').toString('base64')}`);
  });

  it('goes around the proxy for a NO_PROXY host', async () => {
    const client = clientWith({ HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
    try {
      expect((await client.getBoard(boardId)).name).toBe('Proxied');
    } finally {
      client.close();
    }
    expect(proxy.tunnels).toEqual([]);
  });

  it('sends the OAuth calls through the proxy too', async () => {
    process.env.HTTP_PROXY = proxy.url;
    delete process.env.NO_PROXY;
    delete process.env.no_proxy;
    const info = await fetchTokenInfo(emulator.url, TEST_TOKEN, 'MIRO_ACCESS_TOKEN');
    expect(info.user.id).toBeTruthy();
    expect(proxy.tunnels.map((t) => t.target)).toEqual([new URL(emulator.url).host]);
  });

  it('names an unreachable proxy without its password', async () => {
    await proxy.close();
    const client = clientWith({ HTTP_PROXY: proxy.url.replace('//', '//ci:proxy-pass@') });
    try {
      const error = await client.getBoard(boardId).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(error).toBeInstanceOf(Error);
      expect(error!.message).not.toContain('proxy-pass');
      expect(error!.message).toMatch(/ECONNREFUSED/);
    } finally {
      client.close();
    }
  });
});
