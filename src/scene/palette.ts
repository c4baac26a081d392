/**
 * Schema colours: a fixed palette of saturated, mutually distinct hues that read well as header bands
 * on a white board, assigned to schemas deterministically, with per-schema overrides from the user.
 */
import { SchemaToMiroError } from '../errors.js';
import { hexToRgb, mix, rgbToHex, type Rgb } from '../util/color.js';
import { compareStrings } from '../util/compare.js';
import { fnv1a } from '../util/hash.js';
import type { SchemaColors } from '../model/scene.js';

/**
 * Header fills, dark enough for white text (AA), ordered so that neighbours differ strongly in hue. The
 * rotation puts indigo where `public` hashes to, since most diagrams show `public` alone.
 */
export const SCHEMA_PALETTE: readonly string[] = [
  '#7c3aed', // violet
  '#0369a1', // sky
  '#15803d', // green
  '#a21caf', // fuchsia
  '#c2410c', // orange
  '#334155', // slate
  '#4d7c0f', // lime
  '#0e7490', // cyan
  '#4f46e5', // indigo
  '#0f766e', // teal
  '#be123c', // rose
  '#b45309', // amber
];

const DARK_TEXT = '#0f172a';
const LIGHT_TEXT = '#ffffff';
/** How far the border is mixed towards white: a softer outline than the header band itself. */
const BORDER_TINT = 0.35;

/**
 * Colours for every schema. A schema's colour comes from a hash of its name, so it stays the same when
 * other schemas are filtered in or out; two schemas never share a colour while the palette has room.
 * `overrides` maps a schema to its header colour (`#rgb` or `#rrggbb`).
 */
export function schemaColors(
  schemas: readonly string[],
  overrides: Readonly<Record<string, string>> = {},
): Map<string, SchemaColors> {
  const result = new Map<string, SchemaColors>();
  const taken = new Set<number>();
  const sorted = [...new Set(schemas)].sort(compareStrings);
  for (const schema of sorted) {
    const override = Object.hasOwn(overrides, schema) ? overrides[schema] : undefined;
    if (override !== undefined) {
      result.set(schema, colorsForHeader(parseHexColor(override, schema)));
      continue;
    }
    const slot = freeSlot(fnv1a(schema) % SCHEMA_PALETTE.length, taken);
    taken.add(slot);
    result.set(schema, colorsForHeader(SCHEMA_PALETTE[slot] ?? SCHEMA_PALETTE[0]!));
  }
  return result;
}

/** Header, contrasting text and softened border for one header colour (`#rrggbb`). */
export function colorsForHeader(header: string): SchemaColors {
  const rgb = hexToRgb(header);
  const headerText =
    contrastRatio(rgb, hexToRgb(LIGHT_TEXT)) >= contrastRatio(rgb, hexToRgb(DARK_TEXT)) ? LIGHT_TEXT : DARK_TEXT;
  return { header, headerText, border: rgbToHex(mix(rgb, [255, 255, 255], BORDER_TINT)) };
}

/** Normalises `#rgb` / `#rrggbb` (any case) to lower-case `#rrggbb`; anything else is a usage error. */
export function parseHexColor(value: string, schema: string): string {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (match === null) {
    throw new SchemaToMiroError(
      'usage',
      `invalid colour ${JSON.stringify(value)} for schema ${JSON.stringify(schema)}: expected #rrggbb or #rgb`,
    );
  }
  const digits = match[1]!.toLowerCase();
  return digits.length === 3 ? `#${[...digits].map((d) => d + d).join('')}` : `#${digits}`;
}

/** WCAG 2 contrast ratio between two sRGB colours (1 to 21). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function relativeLuminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function freeSlot(preferred: number, taken: ReadonlySet<number>): number {
  if (taken.size >= SCHEMA_PALETTE.length) return preferred;
  let slot = preferred;
  while (taken.has(slot)) slot = (slot + 1) % SCHEMA_PALETTE.length;
  return slot;
}
