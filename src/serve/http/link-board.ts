/** A board linked to a source for one person (created, or updated when the person links it again). */
import type { Kysely } from 'kysely';
import type { CreatedBoard } from '../runner/pipeline-adapter.js';
import type { ServeTables } from '../store/tables.js';

export interface LinkFields {
  source: string;
  /** The diagram options the board is drawn with. */
  options: Record<string, unknown>;
  everySeconds: number | null;
}

/** Returns the link's id. */
export async function linkBoard(db: Kysely<ServeTables>, personId: number, board: CreatedBoard, fields: LinkFields): Promise<number> {
  const values = {
    source: fields.source,
    board_url: board.boardUrl,
    board_name: board.boardName,
    options: JSON.stringify(fields.options),
    every_seconds: fields.everySeconds,
    next_due_at: fields.everySeconds === null ? null : new Date(Date.now() + fields.everySeconds * 1000),
  };
  const link = await db
    .insertInto('links')
    .values({ person_id: personId, board_id: board.boardId, ...values })
    .onConflict((c) => c.columns(['person_id', 'board_id']).doUpdateSet(values))
    .returning('id')
    .executeTakeFirstOrThrow();
  return link.id;
}
