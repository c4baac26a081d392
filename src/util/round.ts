/** `value` rounded to `decimals` places; `+ 0` turns -0 into 0 so output is byte-stable. */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor + 0;
}

/** Hundredths: enough for any screen, and stable against floating-point noise in the last digits. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
