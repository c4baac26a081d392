/** What Miro's answer to an authorization request may carry, on either of the service's redirect URIs. */
export interface OAuthRedirectQuery {
  code?: string;
  state?: string;
  error?: string;
  error_description?: string;
  client_id?: string;
  team_id?: string;
}

/** The Fastify querystring schema of `OAuthRedirectQuery` (lengths bounded). */
export const OAUTH_REDIRECT_QUERY = {
  type: 'object',
  properties: {
    code: { type: 'string', maxLength: 2048 },
    state: { type: 'string', maxLength: 256 },
    error: { type: 'string', maxLength: 200 },
    error_description: { type: 'string', maxLength: 1000 },
    client_id: { type: 'string', maxLength: 100 },
    team_id: { type: 'string', maxLength: 100 },
  },
} as const;
