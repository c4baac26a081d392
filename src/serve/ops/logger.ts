/**
 * Structured logs (pino, JSON lines on stdout). Secrets are removed by configuration, not by care at each
 * call: every header and field that can hold a token, secret, cookie, code or password is redacted, and
 * request URLs are logged without their query (the OAuth callback carries `code` and `state` there).
 */
import { pino, type Logger } from 'pino';
import type { LogLevel } from '../settings.js';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-schema-to-miro-signature"]',
  'res.headers["set-cookie"]',
  '*.accessToken',
  '*.refreshToken',
  '*.clientSecret',
  '*.secret',
  '*.password',
  '*.token',
  '*.code',
  '*.state',
  '*.cookie',
];

export function createLogger(level: LogLevel, destination: NodeJS.WritableStream = process.stdout): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: {
        // No headers at all (cookies, tokens, signatures live there), and no query string.
        req: (req: { method?: string; url?: string; ip?: string }) => ({
          method: req.method,
          url: (req.url ?? '').split('?')[0],
          remoteAddress: req.ip,
        }),
      },
    },
    destination as pino.DestinationStream,
  );
}
