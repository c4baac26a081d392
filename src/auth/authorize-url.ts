/**
 * Miro's consent page for the authorization code flow. Scopes come from the app's settings, not the URL.
 * `state` is left out only for the board app's SDK authorization, whose redirect Miro starts without one.
 */
export function buildAuthorizeUrl(authBaseUrl: string, request: { clientId: string; redirectUri: string; state: string | null; teamId?: string }): string {
  const url = new URL(`${authBaseUrl}/oauth/authorize`);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', request.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  if (request.state !== null) url.searchParams.set('state', request.state);
  if (request.teamId) url.searchParams.set('team_id', request.teamId);
  return url.toString();
}
