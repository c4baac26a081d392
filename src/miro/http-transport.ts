import http from 'node:http';
import https from 'node:https';
import type { AxiosInstance } from 'axios';
import type { HttpsProxyAgent } from 'https-proxy-agent';
import { proxyFor } from './proxy.js';
import type { ResponseHeaders } from './rate-limit-headers.js';

/**
 * One HTTP exchange, nothing more: no retries, no status handling, no JSON. Every status comes back as
 * a response, and a failure without a response comes back as a value naming the network error and
 * whether the request body had been fully written (the retry policy needs both). Axios errors never
 * escape, because they carry the request's headers, the access token among them.
 */

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  url: string;
  headers: Record<string, string>;
  /** JSON text, already serialised. */
  body?: string;
  timeoutMs: number;
}

export type HttpResult =
  | { ok: true; status: number; headers: ResponseHeaders; body: string }
  | { ok: false; code: string; bodyFullyWritten: boolean };

export interface HttpTransport {
  send(request: HttpRequest): Promise<HttpResult>;
  /** Closes idle keep-alive sockets (so a finished run does not keep the process alive). */
  close(): void;
}

/** Longest a kept-alive connection may sit idle before the client closes it itself. */
const IDLE_SOCKET_MS = 4_000;

export function createAxiosTransport(options: { maxSockets: number; env?: NodeJS.ProcessEnv }): HttpTransport {
  // Keep-alive matters: a sync makes hundreds of calls and a TLS handshake per call would double their latency.
  // But an idle connection that the server closes just as a request goes out on it fails with ECONNRESET,
  // and a create that fails that way cannot safely be repeated. The pacer idles the client for most of a
  // minute when the budget is spent, so idle sockets are dropped early: after IDLE_SOCKET_MS, or 1 s before
  // the server's announced `Keep-Alive: timeout=N`, whichever comes first (Node's agent reads that hint).
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, timeout: IDLE_SOCKET_MS };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  // Proxies (HTTPS_PROXY, NO_PROXY, ...) are chosen here, not by axios: its own proxy support forwards an
  // https request in clear to the proxy; a CONNECT tunnel keeps TLS end to end. One tunnel agent per proxy.
  const env = options.env ?? process.env;
  const tunnels = new Map<string, HttpsProxyAgent<string>>();
  const agentsFor = async (url: string): Promise<{ httpAgent: http.Agent; httpsAgent: https.Agent }> => {
    const proxy = proxyFor(url, env);
    if (proxy === null) return { httpAgent, httpsAgent };
    let tunnel = tunnels.get(proxy.href);
    if (tunnel === undefined) {
      const { HttpsProxyAgent } = await import('https-proxy-agent');
      // Another call may have made it while the module loaded.
      tunnel = tunnels.get(proxy.href) ?? new HttpsProxyAgent(proxy.href, agentOptions);
      tunnels.set(proxy.href, tunnel);
    }
    return { httpAgent: tunnel, httpsAgent: tunnel };
  };
  // axios (with form-data and its own agents, ~70 modules) is loaded by the first call, not by whatever
  // imports the client: a library user or a run that never reaches Miro does not pay for it.
  let instance: Promise<AxiosInstance> | undefined;
  const axiosInstance = (): Promise<AxiosInstance> =>
    (instance ??= import('axios').then(({ default: axios }) =>
      axios.create({
        httpAgent,
        httpsAgent,
        proxy: false,
        maxRedirects: 0,
        responseType: 'text',
        transformResponse: [(data: unknown) => data],
        validateStatus: () => true,
        decompress: true,
      }),
    ));

  return {
    async send(request) {
      // Outside the try: a failure to load axios is not a network error.
      const client = await axiosInstance();
      try {
        const response = await client.request<string>({
          ...(await agentsFor(request.url)),
          method: request.method,
          url: request.url,
          headers: request.headers,
          data: request.body,
          timeout: request.timeoutMs,
        });
        return {
          ok: true,
          status: response.status,
          headers: normaliseHeaders(response.headers as Record<string, unknown>),
          body: typeof response.data === 'string' ? response.data : '',
        };
      } catch (error: unknown) {
        return { ok: false, code: networkCode(error), bodyFullyWritten: bodyFullyWritten(error) };
      }
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
      for (const tunnel of tunnels.values()) tunnel.destroy();
    },
  };
}

function normaliseHeaders(headers: Record<string, unknown>): ResponseHeaders {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') result[name.toLowerCase()] = value;
    else if (typeof value === 'number') result[name.toLowerCase()] = String(value);
    else if (Array.isArray(value)) result[name.toLowerCase()] = value.map(String);
  }
  return result;
}

/** The system error code (`ECONNRESET`, `ECONNREFUSED`, `ETIMEDOUT`…), or a generic one. */
function networkCode(error: unknown): string {
  const direct = readString(error, 'code');
  const cause = readString(readProperty(error, 'cause'), 'code');
  const code = cause ?? direct;
  // Axios reports its own timeout as ECONNABORTED; name it for what it is.
  if (code === 'ECONNABORTED' && /timeout/i.test(readString(error, 'message') ?? '')) return 'ETIMEDOUT';
  return code ?? 'ERR_NETWORK';
}

/**
 * Whether the whole request had left this process before the failure. If not, the server cannot have
 * acted on it (it never saw a complete request), which makes even a create safe to send again.
 */
function bodyFullyWritten(error: unknown): boolean {
  const request = readProperty(error, 'request');
  if (request === undefined || request === null) return false;
  const finished = readProperty(request, 'writableFinished');
  return finished !== false;
}

function readProperty(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function readString(value: unknown, name: string): string | undefined {
  const property = readProperty(value, name);
  return typeof property === 'string' ? property : undefined;
}
