/** The preview's look: neutral greys, key-marker colours and sizes that are not table measurements. */
import type { KeyMarker } from '../model/diagram.js';

export const FONT_STACK = `"Roboto Mono", "IBM Plex Mono", ui-monospace, "DejaVu Sans Mono", monospace`;

export const THEME = {
  canvas: '#f6f7f9',
  canvasDot: '#d5dae1',
  tableFill: '#ffffff',
  stripeFill: '#f6f8fb',
  nameText: '#0f172a',
  typeText: '#64748b',
  nullableText: '#d97706',
  overflowText: '#94a3b8',
  titleText: '#0f172a',
  subtitleText: '#475569',
  connector: '#8b98ab',
  connectorEnd: '#5b6878',
  /** Radius of table corners; equals PADDING_BOTTOM so row stripes never reach the rounded corners. */
  tableRadius: 8,
  frameRadius: 14,
  frameLabelSize: 16,
  /** Badge text (key markers, kind tags, change marks) is smaller than the cell it sits in. */
  badgeFontSize: 10.5,
  /** Fraction of the font size from a line's middle down to its baseline, for mixed-case text. */
  baselineShift: 0.35,
} as const;

/** Badge colours per key marker: text and a light pill behind it. */
export const KEY_COLORS: Record<Exclude<KeyMarker, null>, { text: string; fill: string }> = {
  pk: { text: '#92400e', fill: '#fef3c7' },
  fk: { text: '#1d4ed8', fill: '#dbeafe' },
  pk_fk: { text: '#6d28d9', fill: '#ede9fe' },
  unique: { text: '#0f766e', fill: '#ccfbf1' },
};
