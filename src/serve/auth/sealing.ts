/**
 * Tokens at rest: AES-256-GCM with a key derived (HKDF-SHA256) from `SCHEMA_TO_MIRO_SECRET`. Each sealed
 * value records the id of the key that sealed it, so the secret can be rotated: the old secret moves to
 * `SCHEMA_TO_MIRO_OLD_SECRETS` (comma-separated), stays readable, and values are sealed anew with the
 * current key when next written. The row's identity is bound in as associated data: a sealed value copied
 * to another person's row does not open.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { SchemaToMiroError } from '../../errors.js';

interface Key {
  id: string;
  bytes: Buffer;
}

export interface Sealed {
  keyId: string;
  text: string;
}

/** A secret shorter than this is refused: it is the only thing between the database and the tokens. */
export const MIN_SECRET_LENGTH = 32;

export class TokenSealer {
  readonly #current: Key;
  readonly #keys: Map<string, Key>;

  constructor(secret: string, oldSecrets: readonly string[] = []) {
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new SchemaToMiroError(
        'usage',
        `SCHEMA_TO_MIRO_SECRET must be at least ${MIN_SECRET_LENGTH} characters (e.g. \`openssl rand -base64 32\`)`,
      );
    }
    this.#current = deriveKey(secret);
    this.#keys = new Map([this.#current, ...oldSecrets.filter(Boolean).map(deriveKey)].map((key) => [key.id, key]));
  }

  get keyId(): string {
    return this.#current.id;
  }

  seal(plain: string, binding: string): Sealed {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#current.bytes, iv);
    cipher.setAAD(Buffer.from(binding, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const text = ['v1', iv, cipher.getAuthTag(), body].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    return { keyId: this.#current.id, text };
  }

  open(sealed: Sealed, binding: string): string {
    const key = this.#keys.get(sealed.keyId);
    if (key === undefined) {
      throw new SchemaToMiroError('miro_auth', `a stored login was sealed with key ${sealed.keyId}, which this server does not have; sign in again`);
    }
    const [version, iv, tag, body] = sealed.text.split('.');
    if (version !== 'v1' || iv === undefined || tag === undefined || body === undefined) {
      throw new SchemaToMiroError('miro_auth', 'a stored login is damaged; sign in again');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(binding, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SchemaToMiroError('miro_auth', 'a stored login does not open with this server\'s key; sign in again');
    }
  }
}

function deriveKey(secret: string): Key {
  const bytes = Buffer.from(hkdfSync('sha256', secret, 'schema-to-miro', 'token-sealing', 32));
  // The id names the key without revealing it: a hash of a second, independent derivation.
  const id = createHash('sha256').update(Buffer.from(hkdfSync('sha256', secret, 'schema-to-miro', 'key-id', 32))).digest('hex').slice(0, 12);
  return { id, bytes };
}
