/**
 * Whether the token's user may change a board, read off the board itself (`currentUserMembership.role`),
 * so that a run on a board shared read-only with them stops before writing anything, with a message saying
 * what to ask for, instead of failing on its first write.
 */
import type { MiroBoard } from '../miro/openapi/index.js';

const READ_ONLY_ROLES: ReadonlySet<string> = new Set(['viewer', 'commenter']);

/** Why the token's user may not change the board, or null when they may (or Miro did not say). */
export function editAccessProblem(board: MiroBoard): string | null {
  const role = board.currentUserMembership?.role;
  if (role === undefined || !READ_ONLY_ROLES.has(role)) return null;
  return `board ${board.id}: the Miro user of this login is a ${role} of it; keeping it current needs edit access (editor, co-owner or owner), so ask its owner to share it with edit rights`;
}
