import { AsyncLocalStorage } from 'node:async_hooks';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SchemaToMiroError } from '../errors.js';
import { configDirectory } from './config-dir.js';
import type { Env } from './env.js';
import { withFileLock } from './file-lock.js';
import { isRecord } from './json-shape.js';
import { writePrivateFileAtomically } from './private-file.js';
import type { StoredLogin, TokenStore } from './token-store.js';

export const CREDENTIALS_FILE_NAME = 'credentials.json';

/** On disk: `{ "version": 1, "logins": { "<client id>": StoredLogin } }`, keys sorted for stable files. */
interface CredentialsFile {
  version: 1;
  logins: Record<string, StoredLogin>;
}

/**
 * The default store: `<config folder>/credentials.json`, mode 0600, replaced atomically and changed
 * under a lock file so that concurrent processes neither tear it nor lose each other's logins.
 */
export class FileTokenStore implements TokenStore {
  readonly location: string;
  readonly #lockPath: string;
  /** Set while this process holds the lock through `exclusive`, so `set`/`clear` inside it do not wait on themselves. */
  readonly #holdingLock = new AsyncLocalStorage<true>();

  constructor(path: string) {
    this.location = path;
    this.#lockPath = `${path}.lock`;
  }

  /** The store in the tool's config folder (`$XDG_CONFIG_HOME/schema-to-miro/credentials.json`). */
  static inConfigDirectory(env: Env): FileTokenStore {
    return new FileTokenStore(join(configDirectory(env), CREDENTIALS_FILE_NAME));
  }

  async get(clientId: string): Promise<StoredLogin | null> {
    const file = await this.#read();
    return file.logins[clientId] ?? null;
  }

  async set(login: StoredLogin): Promise<void> {
    await this.#change((logins) => {
      logins[login.clientId] = login;
    });
  }

  async clear(clientId: string): Promise<void> {
    await this.#change((logins) => {
      delete logins[clientId];
    });
  }

  async clientIds(): Promise<string[]> {
    return Object.keys((await this.#read()).logins).sort();
  }

  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.#holdingLock.getStore()) return work();
    return withFileLock(this.#lockPath, () => this.#holdingLock.run(true, work));
  }

  async #change(edit: (logins: Record<string, StoredLogin>) => void): Promise<void> {
    await this.exclusive(async () => {
      const file = await this.#read();
      edit(file.logins);
      const sorted = Object.fromEntries(Object.entries(file.logins).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      const next: CredentialsFile = { version: 1, logins: sorted };
      await writePrivateFileAtomically(this.location, `${JSON.stringify(next, null, 2)}\n`);
    });
  }

  async #read(): Promise<CredentialsFile> {
    let text: string;
    try {
      text = await readFile(this.location, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { version: 1, logins: {} };
      throw new SchemaToMiroError('usage', `cannot read ${this.location}: ${code ?? 'unreadable'}`);
    }
    return parseCredentialsFile(text, this.location);
  }
}

function parseCredentialsFile(text: string, path: string): CredentialsFile {
  const broken = (why: string) =>
    new SchemaToMiroError('usage', `${path} is damaged (${why}): delete it and run \`schema-to-miro login\` again`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw broken('not JSON');
  }
  if (!isRecord(parsed) || parsed['version'] !== 1 || !isRecord(parsed['logins'])) {
    throw broken('expected {"version": 1, "logins": {…}}');
  }
  const logins: Record<string, StoredLogin> = {};
  for (const [clientId, value] of Object.entries(parsed['logins'])) {
    if (!isStoredLogin(value) || value.clientId !== clientId) throw broken(`the login of client ${clientId} is incomplete`);
    logins[clientId] = value;
  }
  return { version: 1, logins };
}

function isStoredLogin(value: unknown): value is StoredLogin {
  if (!isRecord(value)) return false;
  const party = (v: unknown) => isRecord(v) && typeof v['id'] === 'string' && (v['name'] === null || typeof v['name'] === 'string');
  return (
    typeof value['clientId'] === 'string' &&
    typeof value['clientSecret'] === 'string' &&
    typeof value['accessToken'] === 'string' &&
    value['accessToken'] !== '' &&
    (value['refreshToken'] === null || typeof value['refreshToken'] === 'string') &&
    (value['expiresAt'] === null || (typeof value['expiresAt'] === 'string' && !Number.isNaN(Date.parse(value['expiresAt'])))) &&
    Array.isArray(value['scopes']) &&
    value['scopes'].every((s) => typeof s === 'string') &&
    party(value['user']) &&
    party(value['team']) &&
    typeof value['obtainedAt'] === 'string'
  );
}
