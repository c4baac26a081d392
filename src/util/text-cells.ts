/** Monospace text: how many cells a string takes, and cutting it to a number of cells. */

/**
 * Monospace cells a string occupies: East Asian wide and fullwidth characters take two, combining marks
 * none, everything else one.
 */
export function textCells(text: string): number {
  let cells = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isCombining(cp)) continue;
    cells += isWide(cp) ? 2 : 1;
  }
  return cells;
}

/** Cuts `text` to at most `cells` cells, ending with `…` when something was cut. */
export function truncateCells(text: string, cells: number): string {
  if (textCells(text) <= cells) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = textCells(ch);
    if (used + w > cells - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

function isCombining(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe20 && cp <= 0xfe2f) ||
    cp === 0x200b ||
    cp === 0x200d
  );
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}
