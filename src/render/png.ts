/**
 * `--out erd.png`: the SVG preview rasterised by resvg (a Rust renderer whose binary ships in its npm
 * package, so nothing is downloaded or compiled at install). Text is drawn with the machine's fonts: the
 * preview asks for a monospace family, and resvg falls back to any installed monospace font.
 */
import { createRequire } from 'node:module';
import type { Resvg as ResvgClass } from '@resvg/resvg-js';
import { SchemaToMiroError } from '../errors.js';

/**
 * resvg (a native module) is loaded by the first PNG, not by whatever imports the drawers; a
 * CommonJS package, so `require` loads it synchronously and `svgToPng` stays a plain function.
 */
function resvg(): typeof ResvgClass {
  return (createRequire(import.meta.url)('@resvg/resvg-js') as { Resvg: typeof ResvgClass }).Resvg;
}

/** Pixels per board unit: twice the SVG's size, sharp when pasted into docs and tickets. */
const DEFAULT_SCALE = 2;
/** resvg allocates the whole bitmap at once, and a docs page has no use for more: past this many pixels the scale is lowered to fit. */
const MAX_PIXELS = 32_000_000;

/** The box shadow's filter reference, as svg-table.ts writes it. */
const SHADOW_FILTER = / filter="url\(#s2m-shadow\)"/g;

export function svgToPng(svg: string, options: { scale?: number } = {}): Buffer {
  // resvg 2.6 aborts the whole process (a Rust panic, not an exception) on a filtered element whose filter
  // region comes out empty; the shadow is cosmetic, so the picture goes without it rather than risk that.
  const flat = svg.replace(SHADOW_FILTER, '');
  const size = svgSize(flat);
  const wanted = options.scale ?? DEFAULT_SCALE;
  // Rounded down to a thousandth, as resvg rounds the pixel size up.
  const fitting = size === null ? wanted : Math.floor(1000 * Math.sqrt(MAX_PIXELS / Math.max(1, size.width * size.height))) / 1000;
  const scale = Math.min(wanted, fitting);
  try {
    const Resvg = resvg();
    const rasteriser = new Resvg(flat, {
      fitTo: { mode: 'zoom', value: scale },
      font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans Mono', monospaceFamily: 'DejaVu Sans Mono' },
    });
    return rasteriser.render().asPng();
  } catch (error) {
    throw new SchemaToMiroError('output', `cannot render the PNG: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function svgSize(svg: string): { width: number; height: number } | null {
  const match = /<svg\b[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  return match === null ? null : { width: Number(match[1]), height: Number(match[2]) };
}
