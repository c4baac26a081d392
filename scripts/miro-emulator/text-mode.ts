/**
 * How the emulator stores the text of items: as sent (`verbatim`), or the way a rich-text editor may
 * (`normalising`): default-ignorable characters dropped (zero-width spaces, joiners, word joiner, invisible
 * separator, BOM, …), the HTML re-serialised (entities decoded, `&nbsp;` stored as U+00A0, unknown tags and
 * every attribute dropped, whitespace collapsed and trimmed). Miro documents that "all unsupported tags and
 * attributes will be removed" and says nothing about invisible characters: the sync must survive both.
 *
 * The mode is an option of the emulator; `MIRO_EMULATOR_TEXT=normalising` sets the default, so a whole
 * test run (or a test that starts the CLI as a subprocess against an in-process emulator) can use it.
 */

/**
 * `plain-titles`: rich text (shape and text content) as sent, frame titles normalised. A board that keeps
 * our signature in some items and drops it in others: the sync must not write a lost one again on every run.
 */
export type TextMode = 'verbatim' | 'normalising' | 'plain-titles';

export const TEXT_MODE_ENV = 'MIRO_EMULATOR_TEXT';

export function textModeFromEnv(env: NodeJS.ProcessEnv = process.env): TextMode {
  const value = env[TEXT_MODE_ENV];
  if (value === undefined || value === '' || value === 'verbatim') return 'verbatim';
  if (value === 'normalising' || value === 'plain-titles') return value;
  throw new Error(`${TEXT_MODE_ENV} must be "verbatim", "normalising" or "plain-titles", got ${JSON.stringify(value)}`);
}

/** Tags a rich-text editor keeps (without attributes); any other tag is dropped and its text kept. */
const KEPT_TAGS: ReadonlySet<string> = new Set(['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'a', 'ul', 'ol', 'li']);
const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
/** HTML whitespace only: U+00A0 is content (it is how spaces are kept), not whitespace to trim. */
const HTML_SPACE = '[ \\t\\n\\r\\f]';
const TAG_OR_TEXT = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(\/?)>|<!--[\s\S]*?-->|[^<]+|</g;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function dropDefaultIgnorables(text: string): string {
  return text.replace(DEFAULT_IGNORABLE, '');
}

/** Shape, text, sticky-note and caption content, as a normalising editor stores it. */
export function normaliseRichText(html: string): string {
  let out = '';
  for (const match of dropDefaultIgnorables(html).matchAll(TAG_OR_TEXT)) {
    const [whole, closing, name] = match;
    if (name !== undefined) {
      const tag = name.toLowerCase();
      if (!KEPT_TAGS.has(tag)) continue;
      if (tag === 'br') out += '<br>';
      else out += closing === '/' ? `</${tag}>` : `<${tag}>`;
    } else if (whole.startsWith('<!--')) {
      continue;
    } else {
      out += escapeText(decodeEntities(whole).replace(new RegExp(`${HTML_SPACE}+`, 'g'), ' '));
    }
  }
  return out
    .replace(new RegExp(`<(p|li)>${HTML_SPACE}+`, 'g'), '<$1>')
    .replace(new RegExp(`${HTML_SPACE}+</(p|li)>`, 'g'), '</$1>')
    .replace(new RegExp(`(</(?:p|li|ul|ol)>)${HTML_SPACE}+(?=<)`, 'g'), '$1')
    .replace(new RegExp(`${HTML_SPACE}+(?=<(?:p|li|ul|ol)>)`, 'g'), '')
    .replace(new RegExp(`^${HTML_SPACE}+|${HTML_SPACE}+$`, 'g'), '');
}

/** Frame titles are plain text: invisible characters dropped, whitespace trimmed. */
export function normalisePlainText(text: string): string {
  return dropDefaultIgnorables(text).replace(new RegExp(`^${HTML_SPACE}+|${HTML_SPACE}+$`, 'g'), '');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    const code = lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : lower.startsWith('#') ? Number.parseInt(lower.slice(1), 10) : NaN;
    if (Number.isInteger(code)) return code >= 0 && code <= 0x10ffff ? dropDefaultIgnorables(String.fromCodePoint(code)) : whole;
    return NAMED[lower] ?? whole;
  });
}
