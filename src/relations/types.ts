/** Options of the relations stage: which relations without a constraint to add to the schema model. */

/** A relation written in the config: `{ "from": "public.orders(customer_ref)", "to": "public.customers(id)" }`. */
export interface DeclaredRelationSpec {
  from: string;
  to: string;
}

export interface RelationOptions {
  /** Config `relations`: each must name tables and columns the model holds. */
  declared?: DeclaredRelationSpec[];
  /** `--infer-relations`: add `<name>_id` -> `<names>.id` relations no constraint covers. */
  infer?: boolean;
  /** Schemas searched, in order, for a referenced table outside the column's own schema (default `public`). */
  searchPath?: string[];
}
