/**
 * Which scene element a Miro item draws, as written into (and read back from) the item's invisible
 * signature (see miro-text.ts). The payload is short, readable when decoded, and stable across runs.
 */
import { decodeSignature, encodeSignature } from './item-text.js';

export type ItemSignature =
  /** The shape of table `schema.table`. */
  | { kind: 'table'; tableId: string }
  /** The frame that holds the tables of one schema. */
  | { kind: 'frame'; schema: string }
  /** The board's title text. */
  | { kind: 'title' }
  /** The small circle a self-reference loops through (self-loop.ts), by the relation's id. */
  | { kind: 'loop'; relationId: string }
  /** The board's "Schema history" text (history.ts): one per board. */
  | { kind: 'history' }
  /** The enum legend of one frame (enum-legends.ts), by the legend's id (`enums:public`). */
  | { kind: 'enums'; legendId: string };

const TABLE_PREFIX = 't:';
const FRAME_PREFIX = 'f:';
const LOOP_PREFIX = 'l:';
const ENUMS_PREFIX = 'e:';
const TITLE_PAYLOAD = 'title';
const HISTORY_PAYLOAD = 'history';
/** Bumped if the payload grammar ever changes; items with another version are not ours to read. */
const VERSION_PREFIX = 's2m1/';

export function signatureText(signature: ItemSignature): string {
  return encodeSignature(VERSION_PREFIX + payloadOf(signature));
}

/** The signature carried by a content or title string, or null for an item schema-to-miro did not make. */
export function readSignature(text: string | undefined): ItemSignature | null {
  const payload = decodeSignature(text);
  if (payload === null || !payload.startsWith(VERSION_PREFIX)) return null;
  const body = payload.slice(VERSION_PREFIX.length);
  if (body === TITLE_PAYLOAD) return { kind: 'title' };
  if (body === HISTORY_PAYLOAD) return { kind: 'history' };
  if (body.startsWith(TABLE_PREFIX) && body.length > TABLE_PREFIX.length) return { kind: 'table', tableId: body.slice(TABLE_PREFIX.length) };
  if (body.startsWith(FRAME_PREFIX) && body.length > FRAME_PREFIX.length) return { kind: 'frame', schema: body.slice(FRAME_PREFIX.length) };
  if (body.startsWith(LOOP_PREFIX) && body.length > LOOP_PREFIX.length) return { kind: 'loop', relationId: body.slice(LOOP_PREFIX.length) };
  if (body.startsWith(ENUMS_PREFIX) && body.length > ENUMS_PREFIX.length) return { kind: 'enums', legendId: body.slice(ENUMS_PREFIX.length) };
  return null;
}

/** A key naming the scene element, unique per board: `table:public.film`, `frame:public`, `title`, `loop:<relation>`, `enums:public`. */
export function signatureKey(signature: ItemSignature): string {
  switch (signature.kind) {
    case 'table':
      return `table:${signature.tableId}`;
    case 'frame':
      return `frame:${signature.schema}`;
    case 'title':
      return 'title';
    case 'loop':
      return `loop:${signature.relationId}`;
    case 'history':
      return 'history';
    case 'enums':
      return signature.legendId;
  }
}

function payloadOf(signature: ItemSignature): string {
  switch (signature.kind) {
    case 'table':
      return TABLE_PREFIX + signature.tableId;
    case 'frame':
      return FRAME_PREFIX + signature.schema;
    case 'title':
      return TITLE_PAYLOAD;
    case 'loop':
      return LOOP_PREFIX + signature.relationId;
    case 'history':
      return HISTORY_PAYLOAD;
    case 'enums':
      return ENUMS_PREFIX + signature.legendId;
  }
}
