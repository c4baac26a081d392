/**
 * Text for Miro items: escaping into Miro's HTML subset, the invisible signature that marks an item as
 * made by schema-to-miro, and the canonical form used to compare what is on a board with what we want.
 *
 * Miro keeps no custom metadata on items, so the signature lives in the item's own text: a run of
 * default-ignorable (zero-width) characters that spells, in base 4, which scene element the item draws
 * (`t:public.film`, `f:public`, `title`). It is invisible on the board, survives moving, resizing,
 * recolouring and most text edits, and is copied along when a user copy-pastes the item.
 */

/** Opens and closes a signature (U+2063 INVISIBLE SEPARATOR). */
const SIGNATURE_FENCE = '\u2063';
/** The four base-4 digits: zero-width space, zero-width non-joiner, zero-width joiner, word joiner. */
const SIGNATURE_DIGITS = ['\u200b', '\u200c', '\u200d', '\u2060'] as const;
const SIGNATURE_PATTERN = /\u2063([\u200b\u200c\u200d\u2060]+)\u2063/u;

/** Escapes plain text for Miro's HTML subset (and for frame titles, which Miro shows as text). */
export function escapeMiroHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Spaces that HTML would collapse, kept as no-break spaces so monospace columns line up. */
export function preserveSpaces(escaped: string): string {
  return escaped.replace(/ /g, '&nbsp;');
}

/** The invisible signature spelling `payload`. */
export function encodeSignature(payload: string): string {
  let digits = '';
  for (const byte of new TextEncoder().encode(payload)) {
    for (let shift = 6; shift >= 0; shift -= 2) digits += SIGNATURE_DIGITS[(byte >> shift) & 3];
  }
  return `${SIGNATURE_FENCE}${digits}${SIGNATURE_FENCE}`;
}

/** The payload of the first signature in `text` (raw Miro content or a frame title), or null when it has none. */
export function decodeSignature(text: string | undefined): string | null {
  if (text === undefined) return null;
  // Decoding entities is only needed when Miro spelled the signature's characters as entities.
  const found = SIGNATURE_PATTERN.exec(text) ?? (text.includes('&#') ? SIGNATURE_PATTERN.exec(decodeEntities(text)) : null);
  if (!found || found[1]!.length % 4 !== 0) return null;
  const digits = [...found[1]!];
  const bytes = new Uint8Array(digits.length / 4);
  for (let i = 0; i < bytes.length; i++) {
    let byte = 0;
    for (let d = 0; d < 4; d++) byte = (byte << 2) | SIGNATURE_DIGITS.indexOf(digits[i * 4 + d] as (typeof SIGNATURE_DIGITS)[number]);
    bytes[i] = byte;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null; // a damaged signature (a user edited inside it) is no signature
  }
}

/**
 * What a piece of Miro content says, independent of how Miro chose to spell its HTML: one entry per
 * paragraph or line break, tags dropped, entities decoded, invisible (default-ignorable) characters dropped
 * (so a signature Miro kept and one it dropped read the same), no-break spaces as spaces, trailing space
 * trimmed. Two contents with the same canonical text look the same on the board.
 */
export function canonicalMiroText(content: string | undefined): string {
  if (content === undefined) return '';
  const lines = content
    .replace(/\r\n?/g, '\n')
    .replace(/\n/g, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '');
  return dropInvisible(decodeEntities(lines))
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/\s+$/u, ''))
    .join('\n')
    .replace(/\n+$/, '');
}

/** Default-ignorable characters: invisible, and dropped by editors that normalise text. */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

export function dropInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** A frame title as people read it: invisible characters dropped, outer whitespace trimmed. */
export function canonicalPlainText(text: string | undefined): string {
  return dropInvisible(text ?? '').trim();
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', '#39': "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return safeFromCodePoint(Number.parseInt(lower.slice(2), 16), whole);
    if (lower.startsWith('#')) return safeFromCodePoint(Number.parseInt(lower.slice(1), 10), whole);
    return NAMED_ENTITIES[lower] ?? whole;
  });
}

function safeFromCodePoint(cp: number, fallback: string): string {
  return Number.isInteger(cp) && cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : fallback;
}
