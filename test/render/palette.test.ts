import { describe, expect, it } from 'vitest';
import { SchemaToMiroError } from '../../src/errors.js';
import { SCHEMA_PALETTE, colorsForHeader, contrastRatio, parseHexColor, schemaColors } from '../../src/scene/palette.js';
import { hexToRgb } from '../../src/util/color.js';

describe('schema palette', () => {
  it('gives every palette colour a header text with at least AA contrast (4.5:1)', () => {
    for (const header of SCHEMA_PALETTE) {
      const { headerText } = colorsForHeader(header);
      expect(contrastRatio(hexToRgb(header), hexToRgb(headerText))).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('picks dark text on light headers and white on dark ones', () => {
    expect(colorsForHeader('#fde047').headerText).toBe('#0f172a');
    expect(colorsForHeader('#1e293b').headerText).toBe('#ffffff');
  });

  it('softens the border towards white', () => {
    const [r, g, b] = hexToRgb(colorsForHeader('#4f46e5').border);
    const [hr, hg, hb] = hexToRgb('#4f46e5');
    expect(r).toBeGreaterThan(hr);
    expect(g).toBeGreaterThan(hg);
    expect(b).toBeGreaterThan(hb);
  });

  it('gives distinct schemas distinct colours while the palette lasts, whatever the input order', () => {
    const schemas = Array.from({ length: SCHEMA_PALETTE.length }, (_, i) => `schema_${i}`);
    const colors = schemaColors(schemas);
    expect(new Set([...colors.values()].map((c) => c.header)).size).toBe(schemas.length);
    expect([...schemaColors([...schemas].reverse())].sort()).toEqual([...colors].sort());
  });

  it('keeps a lone schema the same colour whatever other schemas exist beside it', () => {
    const alone = schemaColors(['public']).get('public');
    // With a neighbour that hashes elsewhere, "public" keeps its hue.
    const others = ['auth', 'billing', 'audit'].filter((s) => schemaColors([s]).get(s)!.header !== alone!.header);
    expect(schemaColors(['public', others[0]!]).get('public')).toEqual(alone);
  });

  it('normalises #rgb and upper case, and rejects anything that is not a hex colour', () => {
    expect(parseHexColor('#ABC', 'x')).toBe('#aabbcc');
    expect(parseHexColor(' #A1b2C3 ', 'x')).toBe('#a1b2c3');
    for (const bad of ['red', '#12345', '123456', '#ggg', 'url(#x)']) {
      expect(() => parseHexColor(bad, 'sales')).toThrow(SchemaToMiroError);
    }
    expect(() => parseHexColor('red', 'sales')).toThrow('invalid colour "red" for schema "sales": expected #rrggbb or #rgb');
  });
});

describe('default colours', () => {
  it('gives public, the most common lone schema, the indigo header', () => {
    expect(schemaColors(['public']).get('public')!.header).toBe('#4f46e5');
  });
});
