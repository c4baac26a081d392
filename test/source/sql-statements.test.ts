import { describe, expect, it } from 'vitest';
import { extensionCreatedBy } from '../../src/source/pglite-extensions.js';
import { compareNaturally, isDownMigration } from '../../src/source/sql-files.js';
import { lineOfPosition, splitSqlStatements } from '../../src/source/sql-statements.js';

const texts = (script: string) => splitSqlStatements(script).map((s) => s.text);

describe('splitSqlStatements', () => {
  it('splits on semicolons and records the line each statement starts on', () => {
    const statements = splitSqlStatements('CREATE TABLE a (id int);\n\n  -- note\nCREATE TABLE b (\n id int\n);\nSELECT 1');
    expect(statements.map((s) => [s.text, s.line])).toEqual([
      ['CREATE TABLE a (id int)', 1],
      ['CREATE TABLE b (\n id int\n)', 4],
      ['SELECT 1', 7],
    ]);
  });

  it('keeps semicolons inside strings, escape strings, identifiers and comments', () => {
    expect(
      texts(`INSERT INTO t VALUES ('a;b', 'it''s; ok');SELECT E'x\\';y';SELECT "we;ird" FROM t; /* c; /* nested; */ still; */ SELECT 2;-- x; y\nSELECT 3;`),
    ).toEqual([
      `INSERT INTO t VALUES ('a;b', 'it''s; ok')`,
      `SELECT E'x\\';y'`,
      `SELECT "we;ird" FROM t`,
      'SELECT 2',
      'SELECT 3',
    ]);
  });

  it('keeps dollar-quoted bodies whole, tagged or not, and does not mistake $1 for a quote', () => {
    const body = `CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $fn$\nBEGIN\n  RETURN 1; -- ;\nEND;\n$fn$`;
    expect(texts(`${body};\nCREATE FUNCTION g() RETURNS text AS $$ SELECT ';' $$ LANGUAGE sql;\nPREPARE p AS SELECT $1;`)).toEqual([
      body,
      `CREATE FUNCTION g() RETURNS text AS $$ SELECT ';' $$ LANGUAGE sql`,
      'PREPARE p AS SELECT $1',
    ]);
  });

  it('keeps a BEGIN ATOMIC function body whole, CASE ... END inside it included, as psql does', () => {
    const atomic = `CREATE OR REPLACE FUNCTION total(o bigint) RETURNS numeric LANGUAGE sql\nBEGIN ATOMIC\n  SELECT CASE WHEN o > 0 THEN 1 ELSE 0 END;\n  SELECT sum(x) FROM t WHERE id = o;\nEND`;
    const procedure = `CREATE PROCEDURE p() BEGIN ATOMIC INSERT INTO t VALUES (1); END`;
    expect(texts(`BEGIN;\nCREATE TABLE t (id int, x int, "begin" int);\n${atomic};\n${procedure};\nSELECT CASE WHEN true THEN 1 END;\nCOMMIT;`)).toEqual([
      'BEGIN',
      'CREATE TABLE t (id int, x int, "begin" int)',
      atomic,
      procedure,
      'SELECT CASE WHEN true THEN 1 END',
      'COMMIT',
    ]);
  });

  it('counts BEGIN only at the top level of a CREATE FUNCTION, not in its parentheses or other statements', () => {
    expect(texts('CREATE FUNCTION f(begin int) RETURNS int LANGUAGE sql RETURN 1;\nCREATE TABLE u (begin int);\nSELECT 1;')).toEqual([
      'CREATE FUNCTION f(begin int) RETURNS int LANGUAGE sql RETURN 1',
      'CREATE TABLE u (begin int)',
      'SELECT 1',
    ]);
  });

  it('skips psql meta-commands and marks COPY FROM stdin, skipping its data up to \\.', () => {
    const statements = splitSqlStatements(
      '\\connect shop\nCOPY t (a, b) FROM stdin;\n1\tx;y\n2\t\\N\n\\.\nCREATE TABLE after_copy (id int);\n',
    );
    expect(statements.map((s) => [s.text, s.line, s.copyFromStdin])).toEqual([
      ['COPY t (a, b) FROM stdin', 2, true],
      ['CREATE TABLE after_copy (id int)', 6, false],
    ]);
  });

  it('ignores empty statements and an unterminated last one is still returned', () => {
    expect(texts(';;\n;SELECT 1;;SELECT 2')).toEqual(['SELECT 1', 'SELECT 2']);
  });

  it('maps an error position inside a statement to its line in the file', () => {
    const [, second] = splitSqlStatements('SELECT 1;\n\nCREATE TABLE x (\n  id int,\n  name txet\n);');
    expect(second).toBeDefined();
    const position = (second?.text.indexOf('txet') ?? 0) + 1;
    expect(lineOfPosition(second!, position)).toBe(5);
  });
});

describe('extensionCreatedBy', () => {
  it('reads the extension name as PostgreSQL folds it', () => {
    expect(extensionCreatedBy({ text: 'CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public' })).toBe('pg_trgm');
    expect(extensionCreatedBy({ text: 'create extension "uuid-ossp"' })).toBe('uuid-ossp');
    expect(extensionCreatedBy({ text: 'CREATE EXTENSION PGCRYPTO' })).toBe('pgcrypto');
    expect(extensionCreatedBy({ text: 'CREATE TABLE extension (id int)' })).toBeUndefined();
  });
});

describe('migration file order', () => {
  it('sorts naturally, so 2_x comes before 10_y, and stays stable for equal-looking names', () => {
    const files = ['10_y.sql', '2_x.sql', '1_a.sql', '20240101_b/up.sql', '9_z.sql', 'V1_1__b.sql', 'V1_10__c.sql', 'V1_2__a.sql'];
    expect([...files].sort(compareNaturally)).toEqual([
      '1_a.sql',
      '2_x.sql',
      '9_z.sql',
      '10_y.sql',
      '20240101_b/up.sql',
      'V1_1__b.sql',
      'V1_2__a.sql',
      'V1_10__c.sql',
    ]);
  });

  it('recognises down migrations', () => {
    expect(['1_init.down.sql', 'down.sql', '3-x-down.sql', '1_init.up.sql', 'countdown.sql', 'shutdown_jobs.sql'].map(isDownMigration)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
