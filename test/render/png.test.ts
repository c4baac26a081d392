/**
 * `erd.png`: resvg's binary loads on this Node, the picture has the SVG's proportions, and text is really
 * drawn (the machine's monospace font is found): the preview rendered with its text differs from the same
 * preview with every <text> removed, inside the table boxes.
 */
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { renderSvg, svgToPng } from '../../src/render/index.js';
import { buildScene } from '../../src/scene/index.js';
import { shopDiagram } from '../render/fixtures.js';

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

describe('svgToPng', () => {
  const { diagram, layout } = shopDiagram();
  const svg = renderSvg(buildScene(diagram, layout));

  it('renders the preview as a PNG at twice its size', () => {
    const png = svgToPng(svg);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const viewBox = /viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"/.exec(svg)!;
    expect(pngSize(png)).toEqual({ width: Math.round(2 * Number(viewBox[1])), height: Math.round(2 * Number(viewBox[2])) });
  });

  it('draws the text with a font found on the machine', () => {
    const withText = new Resvg(svg, { font: { loadSystemFonts: true, monospaceFamily: 'DejaVu Sans Mono' } }).render().pixels;
    const withoutText = new Resvg(svg.replace(/<text\b[\s\S]*?<\/text>/g, ''), { font: { loadSystemFonts: true } }).render().pixels;
    // Dark glyphs (names, types, the title) are most of the dark ink of a preview.
    expect(inkPixels(withText)).toBeGreaterThan(inkPixels(withoutText) + 2000);
    // The same check through svgToPng's own settings: its PNG is larger than the text-less one.
    expect(svgToPng(svg, { scale: 1 }).length).toBeGreaterThan(svgToPng(svg.replace(/<text\b[\s\S]*?<\/text>/g, ''), { scale: 1 }).length * 1.3);
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
