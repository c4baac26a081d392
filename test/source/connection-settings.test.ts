import { describe, expect, it } from 'vitest';
import {
  describeConnection,
  parseConnectionString,
  parseConnectionUrl,
  resolveConnectionSettings,
} from '../../src/source/connection-settings.js';
import { passwordsIn, redactPasswords } from '../../src/source/connection-redaction.js';

const resolve = (url: string | undefined, env: NodeJS.ProcessEnv = {}) => resolveConnectionSettings(url, env, 'osuser');

describe('connection URLs', () => {
  it('reads both schemes with user, password, host, port, database and sslmode', () => {
    expect(parseConnectionUrl('postgresql://app:s%40cret@db.example.com:6543/shop?sslmode=require')).toEqual({
      user: 'app',
      password: 's@cret',
      host: 'db.example.com',
      port: 6543,
      database: 'shop',
      sslMode: 'require',
    });
    expect(parseConnectionUrl('postgres://localhost/x')).toEqual({ host: 'localhost', database: 'x' });
    expect(parseConnectionUrl('postgresql://[::1]:5433/x')).toEqual({ host: '::1', port: 5433, database: 'x' });
  });

  it('reads unix-socket hosts, percent-encoded or as a host parameter', () => {
    expect(parseConnectionUrl('postgresql://%2Fvar%2Frun%2Fpostgresql/shop')).toMatchObject({ host: '/var/run/postgresql', database: 'shop' });
    expect(parseConnectionUrl('postgresql:///shop?host=/var/run/postgresql&port=5433')).toMatchObject({
      host: '/var/run/postgresql',
      port: 5433,
      database: 'shop',
    });
  });

  it('refuses other schemes, bad ports, bad sslmodes and unknown parameters with one clear line, no password', () => {
    expect(() => parseConnectionUrl('mysql://root:hunter2@localhost/x')).toThrow(
      'invalid database URL "mysql://root:***@localhost/x": it must start with postgresql:// or postgres://',
    );
    expect(() => parseConnectionUrl('postgresql://u:hunter2@h:99999/x')).toThrow(/invalid port "99999"/);
    expect(() => parseConnectionUrl('postgresql://u:hunter2@h:99999/x')).not.toThrow(/hunter2/);
    expect(() => parseConnectionUrl('postgresql://h/x?sslmode=maybe')).toThrow(/invalid sslmode "maybe".*verify-full/);
    expect(() => parseConnectionUrl('postgresql://h/x?schema=public')).toThrow(/unsupported parameter "schema"/);
    expect(() => parseConnectionUrl('postgresql://a,b/x')).toThrow(/several hosts/);
    let thrown: unknown;
    try {
      parseConnectionUrl('postgresql://u:hunter2@h/x?sslmode=nope&password=hunter2');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ name: 'SchemaToMiroError', kind: 'database', message: expect.stringContaining('invalid sslmode "nope"') });
    expect((thrown as Error).message).not.toContain('hunter2');
  });
});

describe('resolving settings', () => {
  it('prefers the URL, then DATABASE_URL, then PG* variables, then libpq defaults', () => {
    const env = { DATABASE_URL: 'postgresql://env-user@env-host/env-db', PGHOST: 'pg-host', PGPASSWORD: 'pw', PGSSLMODE: 'disable' };
    expect(resolve('postgresql://url-user@url-host/url-db', env)).toMatchObject({
      host: 'url-host',
      user: 'url-user',
      database: 'url-db',
      password: 'pw',
      sslMode: 'disable',
      port: 5432,
    });
    expect(resolve(undefined, env)).toMatchObject({ host: 'env-host', user: 'env-user', database: 'env-db' });
    expect(resolve(undefined, { PGHOST: '/tmp', PGPORT: '5433', PGUSER: 'me', PGDATABASE: 'db', PGCONNECT_TIMEOUT: '3' })).toMatchObject({
      host: '/tmp',
      port: 5433,
      user: 'me',
      database: 'db',
      sslMode: 'prefer',
      connectTimeoutSeconds: 3,
    });
    expect(resolve(undefined, {})).toEqual({
      host: 'localhost',
      port: 5432,
      user: 'osuser',
      password: undefined,
      database: 'osuser',
      sslMode: 'prefer',
      sslRootCert: undefined,
      sslCert: undefined,
      sslKey: undefined,
      connectTimeoutSeconds: 10,
    });
  });

  it('rejects bad PG* values by name', () => {
    expect(() => resolve(undefined, { PGPORT: 'abc' })).toThrow('invalid port "abc" in PGPORT');
    expect(() => resolve(undefined, { PGSSLMODE: 'on' })).toThrow(/invalid sslmode "on" in PGSSLMODE/);
  });

  it('describes a connection without its password', () => {
    expect(describeConnection(resolve('postgresql://app:hunter2@db:6543/shop'))).toBe('postgresql://app@db:6543/shop');
    expect(describeConnection(resolve('postgresql:///shop?host=/var/run/postgresql&user=app&password=hunter2'))).toBe(
      'postgresql://app@/shop?host=/var/run/postgresql&port=5432',
    );
  });

  it('redacts passwords in any URL-like text', () => {
    expect(redactPasswords('failed: postgres://u:p%40ss@h/db and postgresql://x:y@z?password=abc&a=b')).toBe(
      'failed: postgres://u:***@h/db and postgresql://x:***@z?password=***&a=b',
    );
  });

  it('redacts passwords of malformed URLs and of the keyword/value form', () => {
    expect(redactPasswords('invalid database URL "postgresql:/user:pw99@host/db": bad')).toBe('invalid database URL "postgresql:/user:***@host/db": bad');
    expect(redactPasswords('invalid database URL "user:pw99@host/db"')).toBe('invalid database URL "user:***@host/db"');
    expect(redactPasswords('host=127.0.0.1 port=5432 user=u password=PlainPw99 dbname=d')).toBe(
      'host=127.0.0.1 port=5432 user=u password=*** dbname=d',
    );
    expect(redactPasswords("host=h password = 'a b\\'c' dbname=d")).toBe('host=h password = *** dbname=d');
    expect(redactPasswords('at 12:30 we met')).toBe('at 12:30 we met');
    expect(passwordsIn("host=h password='a b\\'c'")).toContain("a b'c");
    expect(passwordsIn('postgresql://u:p w@h/d')).toContain('p w');
  });
});

describe('the libpq keyword/value form', () => {
  it('reads the same parameters as the URL form, with libpq quoting', () => {
    expect(parseConnectionString("host=127.0.0.1 port = 5433 user=app password='it\\'s' dbname=shop sslmode=disable")).toMatchObject({
      host: '127.0.0.1',
      port: 5433,
      user: 'app',
      password: "it's",
      database: 'shop',
      sslMode: 'disable',
    });
    expect(parseConnectionString("password='va\\'lue' user=a\\ b")).toEqual({ password: "va'lue", user: 'a b' });
    expect(parseConnectionString("host=h dbname=''")).toEqual({ host: 'h', database: '' });
    expect(resolve('host=db user=app dbname=shop', { PGPORT: '6000' })).toMatchObject({ host: 'db', user: 'app', database: 'shop', port: 6000 });
  });

  it('refuses what the URL form refuses, with the same messages and no password', () => {
    expect(() => parseConnectionString('host=h port=99999 password=hunter22')).toThrow(/invalid port "99999" in the connection string "host=h port=99999 password=\*\*\*"/);
    expect(() => parseConnectionString('host=h schema=public')).toThrow(/unsupported parameter "schema" in the connection string/);
    expect(() => parseConnectionString('host=h sslmode=maybe')).toThrow(/invalid sslmode "maybe".*verify-full/);
    expect(() => parseConnectionString("host=h password='hunter22")).toThrow(/unterminated quoted value of password/);
    expect(() => parseConnectionString("host=h password='hunter22")).not.toThrow(/hunter22/);
    expect(() => parseConnectionString('host=h nonsense')).toThrow(/missing "=" after "nonsense"/);
  });
});
