/** One Miro REST API operation the project uses, as described by the project's copy of Miro's OpenAPI description. */
export interface MiroOperation {
  /** operationId in the description, e.g. `create-shape-item`. */
  readonly operationId: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  /** Path template with `{name}` parameters, e.g. `/v2/boards/{board_id}/shapes/{item_id}`. */
  readonly path: string;
  /** OAuth scope the operation requires (`boards:read` / `boards:write`), null for the token endpoints. */
  readonly requiredScope: string | null;
  /** Miro's rate-limit level 1..4, null when the operation is not metered in credits. */
  readonly rateLimitLevel: 1 | 2 | 3 | 4 | null;
  /** Credits one call costs; when `creditsPerItem`, what each item of the call costs. */
  readonly credits: number;
  /** True for bulk create, which costs its level's credits per item. */
  readonly creditsPerItem: boolean;
}
