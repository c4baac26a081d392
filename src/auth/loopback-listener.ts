import { createServer, type Server, type ServerResponse } from 'node:http';
import { SchemaToMiroError } from '../errors.js';
import type { RedirectTarget } from './redirect-uri.js';

export type LoopbackTarget = Extract<RedirectTarget, { kind: 'loopback' }>;

/** What the browser tab shows once the login knows how it ended. */
export interface BrowserPage {
  status: number;
  title: string;
  message: string;
}

/** A redirect that reached the listener: its query, and a way to answer the waiting browser tab. */
export interface ReceivedRedirect {
  params: URLSearchParams;
  reply(page: BrowserPage): void;
}

export interface LoopbackListener {
  /** Stops listening and drops open connections; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Listens on the redirect URI's loopback host(s), port and path only. Requests for other paths (a
 * browser's favicon) get 404; requests on the path without `code`, `error` or `state` get 400 and are ignored.
 */
export async function listenForRedirect(target: LoopbackTarget, onRedirect: (redirect: ReceivedRedirect) => void): Promise<LoopbackListener> {
  const servers: Server[] = [];
  const failures: NodeJS.ErrnoException[] = [];
  for (const host of target.hosts) {
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://loopback');
      if (request.method !== 'GET' || url.pathname !== target.path) {
        sendPage(response, { status: 404, title: 'Not found', message: 'This address only receives the Miro login redirect.' });
        return;
      }
      const params = url.searchParams;
      if (!params.has('code') && !params.has('error') && !params.has('state')) {
        sendPage(response, { status: 400, title: 'Not a Miro redirect', message: 'This address only receives the Miro login redirect.' });
        return;
      }
      let answered = false;
      onRedirect({
        params,
        reply: (page) => {
          if (answered) return;
          answered = true;
          sendPage(response, page);
        },
      });
    });
    try {
      await listen(server, host, target.port);
      servers.push(server);
    } catch (error) {
      const failure = error as NodeJS.ErrnoException;
      // A machine without IPv6 cannot bind ::1; the other loopback address is enough.
      if (failure.code === 'EADDRNOTAVAIL' || failure.code === 'EAFNOSUPPORT') {
        failures.push(failure);
        continue;
      }
      await closeAll(servers);
      throw listenError(failure, target);
    }
  }
  if (servers.length === 0) throw listenError(failures[0] ?? new Error('no address'), target);
  let closing: Promise<void> | undefined;
  return {
    close: () => (closing ??= closeAll(servers)),
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function closeAll(servers: Server[]): Promise<void> {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          // A browser keeps its connection alive; without this, close() would wait for it.
          server.closeAllConnections();
        }),
    ),
  );
}

function listenError(error: NodeJS.ErrnoException, target: LoopbackTarget): SchemaToMiroError {
  const where = `port ${target.port} for the login redirect ${target.uri}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new SchemaToMiroError('usage', `cannot listen on ${where}: the port is in use; stop what uses it or register another redirect URI`);
    case 'EACCES':
      return new SchemaToMiroError('usage', `cannot listen on ${where}: permission denied; register a redirect URI with a port above 1023`);
    default:
      return new SchemaToMiroError('usage', `cannot listen on ${where}: ${error.code ?? error.message}`);
  }
}

function sendPage(response: ServerResponse, page: BrowserPage): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(page.title)} · schema-to-miro</title></head>` +
    `<body style="font-family:system-ui,sans-serif;margin:3rem"><h1>${escapeHtml(page.title)}</h1><p>${escapeHtml(page.message)}</p></body></html>\n`;
  response.writeHead(page.status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // The page must not leak the code in the query to other sites.
    'referrer-policy': 'no-referrer',
    connection: 'close',
  });
  response.end(html);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
