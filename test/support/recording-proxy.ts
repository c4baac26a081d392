/**
 * An HTTP proxy in front of the Miro emulator that records every request body and answer, so that two runs
 * can be compared call by call. Ids the emulator hands out differ between runs; `writes()` names each id
 * after the request body that created it, so the comparison does not depend on ids or on the order of
 * concurrent calls.
 */
import { createHash } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Recorded {
  method: string;
  path: string;
  body: string;
  answer: string;
}

export interface RecordingProxy {
  readonly url: string;
  /** Forgets what was recorded (between two runs). */
  reset(): void;
  /** Every write call (`METHOD path body`), ids replaced by the name of what created them, sorted. */
  writes(): string[];
  close(): Promise<void>;
}

export async function startRecordingProxy(targetUrl: string): Promise<RecordingProxy> {
  const target = new URL(targetUrl);
  let recorded: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const upstream = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => parts.push(chunk));
          answer.on('end', () => {
            const text = Buffer.concat(parts).toString('utf8');
            recorded.push({ method: req.method ?? '', path: req.url ?? '', body, answer: text });
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(text);
          });
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    reset: () => {
      recorded = [];
    },
    writes: () => {
      // In call order, so that a body naming earlier items (a parent frame, a connector's ends) is named first.
      const names = new Map<string, string>();
      const named = (text: string): string =>
        [...names].reduce((t, [id, name]) => t.split(encodeURIComponent(id)).join(name).split(id).join(name), text);
      const calls: string[] = [];
      for (const call of recorded) {
        if (call.method === 'GET') continue;
        const body = named(call.body);
        calls.push(`${call.method} ${named(call.path)} ${body}`);
        if (call.method !== 'POST') continue;
        const made = hash(body);
        const answer = parseJson(call.answer) as { id?: unknown; data?: unknown } | null;
        if (typeof answer?.id === 'string') names.set(answer.id, `<${made}>`);
        // A bulk create answers with its items in request order.
        if (Array.isArray(answer?.data)) {
          (answer.data as { id?: unknown }[]).forEach((item, i) => typeof item.id === 'string' && names.set(item.id, `<${made}.${i}>`));
        }
      }
      return calls.sort();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function hash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 12);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
