/** sRGB colours as `#rrggbb` strings and as channel triples. */

export type Rgb = [number, number, number];

export function hexToRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

export function rgbToHex(rgb: Rgb): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** `a` moved towards `b` by `amount` (0: a, 1: b), per channel. */
export function mix(a: Rgb, b: Rgb, amount: number): Rgb {
  return [0, 1, 2].map((i) => a[i]! + (b[i]! - a[i]!) * amount) as Rgb;
}

/** `hex` mixed towards white by `amount`: a light tint of the colour. */
export function tint(hex: string, amount: number): string {
  return rgbToHex(mix(hexToRgb(hex), [255, 255, 255], amount));
}
