/**
 * The board app from Miro's side, for tests: the app registered with the SDK-authorization redirect URI,
 * Miro's consent answered by the emulator (as when a person authorizes the app on a board: no `state`),
 * and Web SDK id tokens signed the way Miro signs them (HS256 with the app's client secret).
 */
import { SignJWT } from 'jose';
import { emulatorOAuth } from '../../../scripts/miro-emulator/oauth.js';
import type { MiroPerson } from './browser.js';
import { CLIENT_ID, CLIENT_SECRET, type ServeEnvironment } from './serve-harness.js';

export const SDK_REDIRECT_PATH = '/app/authorized';

/** Registers the app with both redirect URIs, the sign-in callback and the one for SDK authorization. */
export function registerBoardApp(environment: ServeEnvironment): string {
  const sdkRedirectUri = `${environment.origin}${SDK_REDIRECT_PATH}`;
  emulatorOAuth(environment.emulator.tokens).registerApp({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris: [`${environment.origin}/auth/miro/callback`, sdkRedirectUri],
  });
  return sdkRedirectUri;
}

/** The person authorizes the app on a board: Miro's consent, then the redirect to serve with the code. */
export async function sdkConsent(environment: ServeEnvironment, person: MiroPerson): Promise<URL> {
  const oauth = emulatorOAuth(environment.emulator.tokens);
  oauth.configure({ user: { id: person.userId, name: person.name }, team: { id: person.teamId, name: `Team ${person.teamId}` } });
  const authorize = new URL(`${environment.emulator.url}/oauth/authorize`);
  authorize.searchParams.set('response_type', 'code');
  authorize.searchParams.set('client_id', CLIENT_ID);
  authorize.searchParams.set('redirect_uri', `${environment.origin}${SDK_REDIRECT_PATH}`);
  authorize.searchParams.set('team_id', person.teamId);
  const answer = await fetch(authorize, { redirect: 'manual' });
  await answer.body?.cancel();
  const location = answer.headers.get('location');
  if (answer.status !== 302 || location === null) throw new Error(`Miro's consent page answered ${answer.status}`);
  return new URL(location);
}

export interface IdTokenClaims {
  secret?: string;
  audience?: string;
  /** Seconds from now; negative: already expired. */
  expiresIn?: number;
}

/** An id token as `miro.board.getIdToken()` gives it. */
export async function signIdToken(person: MiroPerson, claims: IdTokenClaims = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ user: person.userId, team: person.teamId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('miro')
    .setSubject(person.userId)
    .setAudience(claims.audience ?? CLIENT_ID)
    .setIssuedAt(now - 60)
    .setExpirationTime(now + (claims.expiresIn ?? 600))
    .sign(new TextEncoder().encode(claims.secret ?? CLIENT_SECRET));
}
