/** Escaping and number formatting shared by the SVG and HTML drawers. */

/**
 * Escapes text for XML/HTML content and attribute values alike. Characters XML 1.0 forbids (control
 * characters, lone surrogates) become U+FFFD so that any identifier PostgreSQL accepts still yields a
 * well-formed document.
 */
export function escapeXml(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '&': out += '&amp;'; break;
      case '<': out += '&lt;'; break;
      case '>': out += '&gt;'; break;
      case '"': out += '&quot;'; break;
      case "'": out += '&#39;'; break;
      default: out += isXmlChar(cp) ? ch : '\uFFFD';
    }
  }
  return out;
}

/** Fixed-precision number for coordinates: at most two decimals, no trailing zeros, never `-0`. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '0';
  const rounded = Math.round(value * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}
