/**
 * The Web SDK's id token (`miro.board.getIdToken()`): a JWT Miro signs with the app's client secret
 * (HS256). It proves which Miro user in which team the panel runs for. Checked here: the signature, the
 * algorithm (HS256 only, never `none`), the audience (our client id) and the expiry.
 */
import { errors, jwtVerify } from 'jose';
import type { MiroIdentity } from '../auth/database-token-store.js';

/** Clock skew tolerated on `exp`, as JWT readers usually allow. */
const CLOCK_TOLERANCE_SECONDS = 30;

export type IdTokenCheck = { ok: true; identity: MiroIdentity } | { ok: false; reason: string };

export async function verifyIdToken(token: string, app: { clientId: string; clientSecret: string }): Promise<IdTokenCheck> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(app.clientSecret), {
      algorithms: ['HS256'],
      audience: app.clientId,
      requiredClaims: ['exp'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    const user = typeof payload['user'] === 'string' ? payload['user'] : payload.sub;
    const team = payload['team'];
    if (typeof user !== 'string' || user === '' || typeof team !== 'string' || team === '') {
      return { ok: false, reason: 'the id token names no Miro user and team' };
    }
    return { ok: true, identity: { userId: user, teamId: team } };
  } catch (error) {
    return { ok: false, reason: reasonOf(error) };
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the id token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `the id token fails its "${error.claim}" check (${error.reason})`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the id token is not signed with this app\'s client secret';
  return 'the id token is not a valid JWT of this app';
}
