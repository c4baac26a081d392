/**
 * `erd.png`: resvg's binary loads on this Node, the picture has the SVG's proportions, and text is really
 * drawn in the font the package ships (no font of the machine loaded): every table's header band holds
 * the white of its name, which the same preview without its <text> lacks.
 */
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { renderSvg, svgToPng } from '../../src/render/index.js';
import { PNG_FONT_FAMILY, pngFontFiles } from '../../src/render/png.js';
import { buildScene } from '../../src/scene/index.js';
import { shopDiagram } from '../render/fixtures.js';
import { decodePng, type Pixels } from '../support/png-pixels.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Pixels that are not near-white, in RGBA data. */
function inkPixels(rgba: Uint8Array): number {
  let ink = 0;
  for (let i = 0; i < rgba.length; i += 4) if (rgba[i]! < 128 && rgba[i + 1]! < 128 && rgba[i + 2]! < 128) ink++;
  return ink;
}

/** Near-white pixels (the header's white text) inside `box` (SVG units) of a picture drawn at `scale`. */
function lightPixelsIn(pixels: Pixels, box: { x: number; y: number; width: number; height: number }, origin: { x: number; y: number }, scale: number): number {
  let light = 0;
  const x0 = Math.round((box.x - origin.x) * scale);
  const y0 = Math.round((box.y - origin.y) * scale);
  for (let y = y0; y < y0 + Math.round(box.height * scale); y++) {
    for (let x = x0; x < x0 + Math.round(box.width * scale); x++) {
      const i = (y * pixels.width + x) * 4;
      if (pixels.rgba[i]! > 230 && pixels.rgba[i + 1]! > 230 && pixels.rgba[i + 2]! > 230) light++;
    }
  }
  return light;
}

describe('svgToPng', () => {
  const { diagram, layout } = shopDiagram();
  const scene = buildScene(diagram, layout);
  const svg = renderSvg(scene);
  const withoutText = svg.replace(/<text\b[\s\S]*?<\/text>/g, '');

  it('draws the text in the font it ships, with no font of the machine loaded, the same as with them', () => {
    const viewBox = /viewBox="([-\d.]+) ([-\d.]+) /.exec(svg)!;
    const origin = { x: Number(viewBox[1]), y: Number(viewBox[2]) };
    const shipped = decodePng(svgToPng(svg, { scale: 2, loadSystemFonts: false }));
    const bare = decodePng(svgToPng(withoutText, { scale: 2, loadSystemFonts: false }));
    for (const table of scene.tables) {
      // The header band: white text on the schema's colour, nothing white in it without the text.
      const header = { x: table.box.x + 2, y: table.box.y + 2, width: table.box.width - 4, height: 28 };
      expect(lightPixelsIn(bare, header, origin, 2), table.id).toBe(0);
      expect(lightPixelsIn(shipped, header, origin, 2), table.id).toBeGreaterThan(20 * [...table.header].length);
    }
    // The machine's fonts come after the shipped one: the same picture, byte for byte.
    expect(svgToPng(svg, { scale: 2 }).equals(svgToPng(svg, { scale: 2, loadSystemFonts: false }))).toBe(true);
  });

  it('renders the preview as a PNG at twice its size', () => {
    const png = svgToPng(svg);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const viewBox = /viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"/.exec(svg)!;
    expect(pngSize(png)).toEqual({ width: Math.round(2 * Number(viewBox[1])), height: Math.round(2 * Number(viewBox[2])) });
  });

  it('draws as much dark ink as text needs: names, types and the title', () => {
    const withText = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: pngFontFiles(), monospaceFamily: PNG_FONT_FAMILY } }).render().pixels;
    const bare = new Resvg(withoutText, { font: { loadSystemFonts: false } }).render().pixels;
    // Dark glyphs (names, types, the title) are most of the dark ink of a preview.
    expect(inkPixels(withText)).toBeGreaterThan(inkPixels(bare) + 2000);
    // The same check through svgToPng's own settings: its PNG is larger than the text-less one.
    expect(svgToPng(svg, { scale: 1, loadSystemFonts: false }).length).toBeGreaterThan(svgToPng(withoutText, { scale: 1 }).length * 1.3);
  });

  it('survives a shadowed box outside the picture, which aborts resvg itself', () => {
    // A box far off the view: with its shadow filter, resvg 2.6 panics and ends the process.
    const offCanvas = svg.replace(/viewBox="([-\d.]+) ([-\d.]+) [\d.]+ [\d.]+"/, 'viewBox="$1 $2 300 200"').replace(/ width="[\d.]+" height="[\d.]+"/, ' width="300" height="200"');
    expect(offCanvas).toContain('filter="url(#s2m-shadow)"');
    expect(pngSize(svgToPng(offCanvas, { scale: 1 }))).toEqual({ width: 300, height: 200 });
  });

  it('lowers the scale of a huge diagram rather than allocating a giant bitmap', () => {
    const huge = '<svg xmlns="http://www.w3.org/2000/svg" width="20000" height="20000" viewBox="0 0 20000 20000"><rect width="20000" height="20000" fill="#fff"/></svg>';
    const { width, height } = pngSize(svgToPng(huge));
    expect(width * height).toBeLessThanOrEqual(32_000_000);
    expect(width).toBeGreaterThan(5000);
  });
});
