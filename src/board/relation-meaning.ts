/**
 * What a connector says about the schema, read back from the board: the rows it joins (key marker, column
 * name, nullable or not) and its crow's-foot caps and line style. Two connectors that say the same are the
 * same relation drawn elsewhere (a moved attach side, rows shifted by a new column): an update, not a
 * change. The board keeps no other record of a relation, so its ends are read from the tables' text at
 * the attach points.
 */
import type { Point } from '../model/layout.js';
import { NULLABLE_MARK, SCENE_TEXT } from '../model/scene.js';
import { canonicalMiroText } from './item-text.js';

/** One end of a connector: the text of the table it attaches to, the table's height, and the attach point. */
export interface ConnectorEnd {
  content: string;
  height: number;
  attach: Point | null;
}

export interface ConnectorMeaning {
  from: ConnectorEnd;
  to: ConnectorEnd;
  startCap: string;
  endCap: string;
  strokeStyle: string;
}

/** True when both connectors join the same rows with the same caps and style. */
export function sameRelationMeaning(a: ConnectorMeaning, b: ConnectorMeaning): boolean {
  return (
    a.startCap === b.startCap &&
    a.endCap === b.endCap &&
    a.strokeStyle === b.strokeStyle &&
    attachedRow(a.from) === attachedRow(b.from) &&
    attachedRow(a.to) === attachedRow(b.to)
  );
}

/**
 * The row at an attach point, as `marker|name|nullable` (its type is the table's business, not the
 * relation's); `header` above the rows; null when the connector snaps to a side (nothing to compare).
 */
export function attachedRow(end: ConnectorEnd): string | null {
  if (end.attach === null) return null;
  const y = end.attach.y * end.height;
  if (y < SCENE_TEXT.headerHeight) return 'header';
  const index = Math.floor((y - SCENE_TEXT.headerHeight) / SCENE_TEXT.rowHeight);
  const line = canonicalMiroText(end.content).split('\n')[1 + index];
  if (line === undefined) return `row ${index}`;
  const marker = line.slice(0, 2).trim();
  const cells = /^(.*?\S)\s{2,}(\S.*)$/.exec(line.slice(3));
  if (cells === null) return `${marker}|${line.slice(3).trim()}`;
  return `${marker}|${cells[1]}|${cells[2]!.endsWith(NULLABLE_MARK)}`;
}
