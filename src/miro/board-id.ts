import { SchemaToMiroError } from '../errors.js';

/**
 * Miro board ids are short base64-like strings, usually ending in `=` (`uXjVOD6LSME=`, older boards
 * `o9J_lJxXvEU=`). We accept the id alone or any miro.com board URL the user copied from the browser
 * or a share link, and always return the bare id.
 */
const BOARD_ID = /^[A-Za-z0-9_-]{6,64}={0,2}$/;

/** Path prefixes under which miro.com shows a board (`/app/board/<id>/`, live embeds). */
const BOARD_PATH = /^\/app\/(?:board|live-embed)\/([^/]+)\/?$/;

export function parseBoardId(input: string): string {
  const text = input.trim();
  if (text === '') {
    throw new SchemaToMiroError('usage', 'no Miro board given: pass a board id (uXjV…=) or a board URL');
  }
  const decodedId = safeDecode(text);
  if (decodedId !== null && BOARD_ID.test(decodedId)) return decodedId;

  const url = parseUrl(text);
  if (url !== null && isMiroHost(url.hostname)) {
    const match = BOARD_PATH.exec(url.pathname);
    const id = match?.[1] === undefined ? null : safeDecode(match[1]);
    if (id !== null && BOARD_ID.test(id)) return id;
  }
  throw new SchemaToMiroError(
    'usage',
    `not a Miro board id or board URL: "${truncate(text)}" (expected e.g. uXjVOD6LSME= or https://miro.com/app/board/uXjVOD6LSME=/)`,
  );
}

function parseUrl(text: string): URL | null {
  // Users often paste the URL without its scheme.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(withScheme);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

function isMiroHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'miro.com' || host.endsWith('.miro.com');
}

/** Share links sometimes carry the id percent-encoded (`uXjVOD6LSME%3D`). */
function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
