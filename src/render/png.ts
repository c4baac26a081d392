/**
 * `--out erd.png`: the SVG preview rasterised by resvg (a Rust renderer whose binary ships in its npm
 * package, so nothing is downloaded or compiled at install). Text is drawn in DejaVu Sans Mono, whose
 * TrueType files ship in the `dejavu-fonts-ttf` package: the picture is the same on every machine, with or
 * without fonts installed. The machine's fonts are loaded only as a fallback, for characters DejaVu lacks
 * (CJK names), after the shipped family.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Resvg as ResvgClass } from '@resvg/resvg-js';
import { SchemaToMiroError } from '../errors.js';
import { FONT_STACK } from './svg-theme.js';
import { escapeXml } from './xml.js';

/** The shipped monospace family (regular, bold, oblique, bold oblique: the preview uses all four). */
export const PNG_FONT_FAMILY = 'DejaVu Sans Mono';
const PNG_FONT_FILES = ['DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf', 'DejaVuSansMono-Oblique.ttf', 'DejaVuSansMono-BoldOblique.ttf'];

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

export interface PngOptions {
  scale?: number;
  /** Also load the machine's fonts, for characters the shipped font lacks; default true. */
  loadSystemFonts?: boolean;
}

export function svgToPng(svg: string, options: PngOptions = {}): Buffer {
  // resvg 2.6 aborts the whole process (a Rust panic, not an exception) on a filtered element whose filter
  // region comes out empty; the shadow is cosmetic, so the picture goes without it rather than risk that.
  // The shipped family comes first in the font stack: an installed Roboto Mono would otherwise win on
  // one machine and not on another.
  const flat = svg.replace(SHADOW_FILTER, '').replaceAll(FONT_STACK_ATTRIBUTE, `font-family="${escapeXml(`"${PNG_FONT_FAMILY}", ${FONT_STACK}`)}"`);
  const size = svgSize(flat);
  const wanted = options.scale ?? DEFAULT_SCALE;
  // Rounded down to a thousandth, as resvg rounds the pixel size up.
  const fitting = size === null ? wanted : Math.floor(1000 * Math.sqrt(MAX_PIXELS / Math.max(1, size.width * size.height))) / 1000;
  const scale = Math.min(wanted, fitting);
  try {
    const Resvg = resvg();
    const rasteriser = new Resvg(flat, {
      fitTo: { mode: 'zoom', value: scale },
      font: {
        fontFiles: pngFontFiles(),
        loadSystemFonts: options.loadSystemFonts ?? true,
        defaultFontFamily: PNG_FONT_FAMILY,
        monospaceFamily: PNG_FONT_FAMILY,
        sansSerifFamily: PNG_FONT_FAMILY,
      },
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

/** The SVG root's font stack, as svg.ts writes it (XML-escaped). */
const FONT_STACK_ATTRIBUTE = `font-family="${escapeXml(FONT_STACK)}"`;

let fontFiles: string[] | undefined;

/** Paths of the shipped TrueType files, found through the package's own folder. */
export function pngFontFiles(): string[] {
  if (fontFiles === undefined) {
    const folder = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fontFiles = PNG_FONT_FILES.map((file) => join(folder, file));
  }
  return fontFiles;
}
