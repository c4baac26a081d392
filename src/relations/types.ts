/** Options of the relations stage: which relations without a constraint to add to the schema model. */

import type { DeclaredRelationSpec } from '../model/relations.js';

export type { DeclaredRelationSpec } from '../model/relations.js';

export interface RelationOptions {
  /** Config `relations`: each must name tables and columns the model holds. */
  declared?: DeclaredRelationSpec[];
  /** `--infer-relations`: add `<name>_id` -> `<names>.id` relations no constraint covers. */
  infer?: boolean;
  /** Schemas searched, in order, for a referenced table outside the column's own schema (default `public`). */
  searchPath?: string[];
}
