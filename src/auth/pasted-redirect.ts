import { createInterface } from 'node:readline';

/**
 * Reads addresses the person pastes (the page Miro redirected a browser on another machine to, over SSH
 * or in a container). Each line with a `code`, `error` or `state` in its query is handed on; other
 * non-empty lines get a hint. Returns a function that stops reading.
 */
export function readPastedRedirects(
  input: NodeJS.ReadableStream,
  onRedirect: (params: URLSearchParams) => void,
  onUnrecognized: (line: string) => void,
): () => void {
  const lines = createInterface({ input, crlfDelay: Infinity, terminal: false });
  lines.on('line', (line) => {
    const text = line.trim();
    if (!text) return;
    const params = redirectParams(text);
    if (params) onRedirect(params);
    else onUnrecognized(text);
  });
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    lines.close();
    // readline resumed the stream; pause it again so a terminal's stdin does not keep the process alive.
    input.pause();
  };
}

/** The query of a pasted address: a full URL, or just its `?code=…&state=…` part. */
export function redirectParams(text: string): URLSearchParams | null {
  let query: string;
  try {
    query = new URL(text).search;
  } catch {
    query = text.startsWith('?') ? text : text.includes('=') ? `?${text}` : '';
  }
  const params = new URLSearchParams(query);
  return params.has('code') || params.has('error') || params.has('state') ? params : null;
}
