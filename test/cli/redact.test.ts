import { describe, expect, it } from 'vitest';
import { createRedactor, secretsOf } from '../../src/cli/redact.js';
import { redactPasswords as maskUrlPasswords } from '../../src/source/connection-redaction.js';

describe('redaction of secrets in messages', () => {
  it('masks every known secret, longest first', () => {
    const redact = createRedactor(['tok_abcdef123456', 'tok_abcdef']);
    expect(redact('bad token tok_abcdef123456 and tok_abcdef')).toBe('bad token *** and ***');
  });

  it('ignores values too short to be secrets', () => {
    const redact = createRedactor(['ab', '', undefined]);
    expect(redact('a tab and a cab')).toBe('a tab and a cab');
  });

  it('masks the password of any URL with credentials', () => {
    expect(maskUrlPasswords('connect postgres://app:s3cr%40t@db:5432/x failed')).toBe(
      'connect postgres://app:***@db:5432/x failed',
    );
    expect(maskUrlPasswords('postgresql://app@db/x')).toBe('postgresql://app@db/x');
  });

  it('collects secrets from the environment and the flags, decoded and encoded', () => {
    const secrets = secretsOf(
      { MIRO_ACCESS_TOKEN: 'miro-token-1', PGPASSWORD: 'pgpw-1', DATABASE_URL: 'postgres://u:p%40ss1@h/d' },
      { token: 'flag-token-2', db: 'postgres://u:other-pw@h/d' },
    );
    expect(secrets).toEqual(expect.arrayContaining(['miro-token-1', 'pgpw-1', 'flag-token-2', 'other-pw', 'p@ss1', 'p%40ss1']));
  });
});
