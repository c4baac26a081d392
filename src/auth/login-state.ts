import { randomBytes, timingSafeEqual } from 'node:crypto';

/** The unguessable `state` a login sends, so that a redirect it did not start (CSRF) is refused. */
export function newLoginState(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares in constant time so that the state cannot be guessed from response timings. */
export function isSameState(expected: string, received: string | null): boolean {
  if (received === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(received);
  return a.length === b.length && timingSafeEqual(a, b);
}
