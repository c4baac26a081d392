/**
 * The last guard against drawing a board twice: a run that would create again more than half of the
 * scene's tables, on a board that already shows tables with those names (shapes schema-to-miro could not
 * recognise as its own, by signature or by what they show), stops before writing anything. A board that
 * rewrote our text in a way nobody foresaw must not end up with every table twice. Pure.
 */
import { SchemaToMiroError } from '../errors.js';
import type { BoardScene } from '../model/scene.js';
import { canonicalPlainText } from './item-text.js';
import type { BoardState } from './board-state.js';
import type { SyncPlan } from './plan.js';

const LISTED = 3;

export function stopBeforeRedrawing(scene: BoardScene, board: BoardState, plan: SyncPlan, boardId: string): void {
  const again = plan.tableCreates.filter((create) => board.foreignHeaders.has(canonicalPlainText(create.table.header)));
  if (again.length === 0 || again.length * 2 <= scene.tables.length) return;
  const names = again.slice(0, LISTED).map((create) => create.table.header).join(', ');
  throw new SchemaToMiroError(
    'miro',
    `board ${boardId} already shows ${again.length} of the ${scene.tables.length} tables this run would draw (${names}${again.length > LISTED ? ', …' : ''}) ` +
      `in items schema-to-miro cannot recognise as its own; stopped instead of drawing them twice, nothing was written ` +
      `(run \`schema-to-miro doctor --board ${boardId}\` to see what the board did to them)`,
  );
}
