/**
 * Webhook signatures, GitHub's scheme with a timestamp: `X-Schema-To-Miro-Signature: sha256=<hex>` is the
 * HMAC-SHA256, under the source's secret, of `<timestamp>.<raw body>`, and `X-Schema-To-Miro-Timestamp` is
 * that timestamp (Unix seconds). Signing the timestamp with the body is what makes the 5-minute window
 * hold: an old request cannot be sent again with a fresh timestamp.
 */
import { createHmac } from 'node:crypto';
import { sameText } from './secrets.js';

export const SIGNATURE_HEADER = 'x-schema-to-miro-signature';
export const TIMESTAMP_HEADER = 'x-schema-to-miro-timestamp';
export const REPLAY_WINDOW_SECONDS = 300;

export function signHook(secret: string, timestamp: number, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

export type HookCheck = 'ok' | 'unsigned' | 'bad-signature' | 'stale';

export function checkHook(secret: string, headers: { signature?: string; timestamp?: string }, body: Buffer, nowMs = Date.now()): HookCheck {
  if (headers.signature === undefined || headers.timestamp === undefined || !/^\d{1,12}$/.test(headers.timestamp)) return 'unsigned';
  const timestamp = Number(headers.timestamp);
  if (!sameText(signHook(secret, timestamp, body), headers.signature)) return 'bad-signature';
  if (Math.abs(nowMs / 1000 - timestamp) > REPLAY_WINDOW_SECONDS) return 'stale';
  return 'ok';
}
