/**
 * The `--sql` source: SQL files and migration folders loaded into PGlite, as psql would load them into
 * a server, and read back through the same introspection.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introspect } from '../../src/introspect/index.js';
import { openSource } from '../../src/source/index.js';
import { fixture } from '../support/database.js';

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 's2m-sql-source-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function scratchFile(name: string, text: string): Promise<string> {
  const path = join(scratch, name);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
  return path;
}

describe('a migrations folder', () => {
  it('applies files in natural order (2 before 10), skips down migrations, then later --sql arguments', async () => {
    const seed = await scratchFile('seed.sql', 'CREATE TABLE loans (book_id bigint NOT NULL REFERENCES books (id));\n');
    const source = await openSource({ kind: 'sql', paths: [fixture('migrations'), seed] });
    try {
      expect(source.kind).toBe('sql');
      expect(source.database).toBe('migrations');
      const model = await introspect(source);
      expect(model.database).toBe('migrations');
      expect(model.tables.map((t) => t.name)).toEqual(['authors', 'books', 'loans', 'reviews']);
      expect(source.description).toBe(`4 SQL files from ${fixture('migrations')}, ${seed}`);
      // 10_add_reviews.sql ran after 1_ and 2_, and its .down.sql twin did not run.
      expect(model.tables[0]?.columns.map((c) => c.name)).toEqual(['id', 'name', 'born_on']);
      expect(model.tables[3]?.foreignKeys[0]).toMatchObject({ columns: ['book_id'], references: { name: 'books' }, onDelete: 'cascade' });
    } finally {
      await source.close();
    }
  });
});

describe('pg_dump output and contrib extensions', () => {
  const dump = String.raw`--
-- PostgreSQL database dump
--
\restrict AbCdEf123
SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET default_table_access_method = heap;
CREATE EXTENSION IF NOT EXISTS plpgsql WITH SCHEMA pg_catalog;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS btree_gin WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS earthdistance WITH SCHEMA public CASCADE;
CREATE EXTENSION IF NOT EXISTS ltree WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS tablefunc WITH SCHEMA public;
COMMENT ON EXTENSION pg_trgm IS 'text similarity; with a ; inside';

CREATE FUNCTION public.touch() RETURNS trigger
    LANGUAGE plpgsql
    AS $_$
BEGIN
  NEW.note := 'semicolons; inside $$ and '' quotes';
  RETURN NEW;
END;
$_$;
ALTER FUNCTION public.touch() OWNER TO app_owner;

CREATE TABLE public.accounts (
    id uuid DEFAULT public.uuid_generate_v4() NOT NULL,
    email public.citext NOT NULL,
    attributes public.hstore,
    path public.ltree,
    note text DEFAULT E'it\'s; fine'
);
ALTER TABLE public.accounts OWNER TO "App Owner";

COPY public.accounts (id, email, attributes, path, note) FROM stdin;
6f1c2f7e-0000-4000-8000-000000000001	a@example.com	\N	top.child	x; y
\.

ALTER TABLE ONLY public.accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);
CREATE INDEX accounts_email_trgm ON public.accounts USING gin (email public.gin_trgm_ops);
GRANT SELECT ON TABLE public.accounts TO reporting;
\unrestrict AbCdEf123
`;

  it('loads SET, set_config, meta-commands, COPY data, unknown owners and contrib extensions', async () => {
    const path = await scratchFile('dump.sql', dump);
    const source = await openSource({ kind: 'sql', paths: [path] });
    try {
      const model = await introspect(source);
      expect(model.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['public.accounts']);
      const accounts = model.tables[0];
      expect(accounts?.columns.map((c) => [c.name, c.type, c.default])).toEqual([
        ['id', 'uuid', 'public.uuid_generate_v4()'],
        ['email', 'public.citext', null],
        ['attributes', 'public.hstore', null],
        ['path', 'public.ltree', null],
        ['note', 'text', `'it''s; fine'::text`],
      ]);
      expect(accounts?.indexes.map((i) => [i.name, i.method])).toEqual([
        ['accounts_email_trgm', 'gin'],
        ['accounts_pkey', 'btree'],
      ]);
      // Extension-owned objects (cube and earthdistance types, hstore, ...) are not in the model.
      expect(model.enums).toEqual([]);
      expect(model.schemas.map((s) => s.name)).toEqual(['public']);
    } finally {
      await source.close();
    }
  });
});

describe('a SQL-standard function body', () => {
  it('loads BEGIN ATOMIC ... END with semicolons inside, then the statements after it', async () => {
    const path = await scratchFile(
      'atomic.sql',
      `CREATE TABLE orders (id bigint PRIMARY KEY, total numeric NOT NULL);
CREATE FUNCTION order_total(o bigint) RETURNS numeric LANGUAGE sql
BEGIN ATOMIC
  SELECT CASE WHEN count(*) = 0 THEN 0 ELSE sum(total) END FROM orders WHERE id = o;
END;
CREATE PROCEDURE touch() LANGUAGE sql BEGIN ATOMIC UPDATE orders SET total = total; DELETE FROM orders WHERE false; END;
CREATE TABLE after_them (id int PRIMARY KEY);
`,
    );
    const source = await openSource({ kind: 'sql', paths: [path] });
    try {
      expect((await introspect(source)).tables.map((t) => t.name)).toEqual(['after_them', 'orders']);
    } finally {
      await source.close();
    }
  });
});

describe('SQL that does not load', () => {
  it('names the file and the line of the failing statement (second file of a folder, third line of it)', async () => {
    const folder = join(scratch, 'broken');
    await scratchFile('broken/1_ok.sql', 'CREATE TABLE a (id int PRIMARY KEY);\n');
    const bad = await scratchFile(
      'broken/2_bad.sql',
      '-- a comment\n\nCREATE TABLE b (\n  id int,\n  a_id int REFERENCES missing_table (id)\n);\n',
    );
    await expect(openSource({ kind: 'sql', paths: [folder] })).rejects.toMatchObject({
      kind: 'sql',
      message: `${bad}:3: relation "missing_table" does not exist`,
    });
    const typo = await scratchFile('typo.sql', 'CREATE TABLE ok (id int);\n\nCREATE TABLE x (\n  id int,\n  name txet\n);\n');
    await expect(openSource({ kind: 'sql', paths: [typo] })).rejects.toMatchObject({
      kind: 'sql',
      message: `${typo}:5: type "txet" does not exist`,
    });
  });

  it('names an extension PGlite does not ship', async () => {
    const path = await scratchFile('gis.sql', 'CREATE TABLE t (id int);\nCREATE EXTENSION IF NOT EXISTS postgis;\n');
    await expect(openSource({ kind: 'sql', paths: [path] })).rejects.toMatchObject({
      kind: 'sql',
      message: expect.stringMatching(
        new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: extension "postgis" is not available in the embedded PostgreSQL \\(it has: .*pg_trgm.*\\); load this schema into a PostgreSQL server that has it and use --db$`),
      ),
    });
  });

  it('reports a missing file or an empty folder without starting PGlite', async () => {
    const missing = join(scratch, 'nope.sql');
    await expect(openSource({ kind: 'sql', paths: [missing] })).rejects.toMatchObject({
      kind: 'sql',
      message: `cannot read ${missing}: no such file or folder`,
    });
    const empty = join(scratch, 'empty-folder');
    await mkdir(empty, { recursive: true });
    await expect(openSource({ kind: 'sql', paths: [empty] })).rejects.toMatchObject({
      kind: 'sql',
      message: `folder ${empty} holds no .sql files`,
    });
    await expect(openSource({ kind: 'sql', paths: [] })).rejects.toMatchObject({ kind: 'sql', message: 'no SQL file or folder given' });
  });

  it('reports SQL that creates no table when it is introspected', async () => {
    const path = await scratchFile('no-tables.sql', "-- nothing but a type\nCREATE TYPE mood AS ENUM ('ok');\n");
    const source = await openSource({ kind: 'sql', paths: [path] });
    try {
      await expect(introspect(source)).rejects.toMatchObject({
        kind: 'database',
        message: `no tables found in database "no-tables" (${path})`,
      });
    } finally {
      await source.close();
    }
  });
});

describe('a load that does not end', () => {
  it('is stopped after the load timeout, naming the file and line of the running statement', async () => {
    const stuck = await scratchFile(
      'stuck/migrations/2_sleep.sql',
      "CREATE TABLE t (id int PRIMARY KEY);\n\nSELECT pg_sleep(100000);\n",
    );
    await scratchFile('stuck/migrations/1_init.sql', 'CREATE TABLE s (id int PRIMARY KEY);\n');
    const seen: string[] = [];
    const started = Date.now();
    const error = await openSource({ kind: 'sql', paths: [join(scratch, 'stuck/migrations')], loadTimeoutSeconds: 3 }, process.env, {
      onFile: (index, total, path) => seen.push(`${index}/${total} ${path}`),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'sql' });
    expect((error as Error).message).toBe(
      `${stuck}:3: still running after 3 s, the load was stopped (--load-timeout 3; an endless loop or a long sleep?)`,
    );
    expect(seen).toEqual([`1/2 ${join(scratch, 'stuck/migrations/1_init.sql')}`, `2/2 ${stuck}`]);
    // Stopped, not waited out (the sleep would take a day).
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('an endless DO loop too', async () => {
    const loop = await scratchFile('loop.sql', 'CREATE TABLE t (id int PRIMARY KEY);\nDO $$ BEGIN LOOP END LOOP; END $$;\n');
    await expect(openSource({ kind: 'sql', paths: [loop], loadTimeoutSeconds: 2 })).rejects.toMatchObject({
      kind: 'sql',
      message: expect.stringMatching(new RegExp(`^${loop.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:2: still running after 2 s`)),
    });
  });
});

describe('psql includes, meta-commands and what is not a schema', () => {
  it('follows \\ir relative to the including file and \\i relative to the working folder, warning about other meta-commands', async () => {
    const main = await scratchFile('inc/main.sql', "CREATE TABLE a (id int PRIMARY KEY);\n\\ir parts/b.sql\n\\connect other\nCREATE TABLE c (id int PRIMARY KEY, b_id int REFERENCES b (id));\n");
    await scratchFile('inc/parts/b.sql', `CREATE TABLE b (id int PRIMARY KEY);\n\\i ${join(scratch, 'inc/d.sql')}\n`);
    await scratchFile('inc/d.sql', "CREATE TABLE d (id int PRIMARY KEY);\n");
    const warnings: string[] = [];
    const source = await openSource({ kind: 'sql', paths: [main] }, process.env, { onWarning: (m) => warnings.push(m) });
    try {
      expect((await introspect(source)).tables.map((t) => t.name)).toEqual(['a', 'b', 'c', 'd']);
    } finally {
      await source.close();
    }
    expect(warnings).toEqual([`${main}:3: skipped the psql meta-command \\connect (only \\i and \\ir are followed)`]);
  });

  it('refuses an include cycle, naming it', async () => {
    const a = await scratchFile('cycle/a.sql', 'CREATE TABLE a (id int PRIMARY KEY);\n\\ir b.sql\n');
    const b = await scratchFile('cycle/b.sql', '\\ir a.sql\n');
    await expect(openSource({ kind: 'sql', paths: [a] })).rejects.toMatchObject({
      kind: 'sql',
      message: `${b}:1: \\ir a.sql includes a file already being loaded (cycle: ${a} -> ${b} -> ${a})`,
    });
  });

  it('says a binary file is not a text SQL file', async () => {
    const path = join(scratch, 'dump.backup');
    await writeFile(path, Buffer.from([0x50, 0x47, 0x44, 0x4d, 0x50, 0x01, 0x0e, 0x00, 0x04, 0x08]));
    await expect(openSource({ kind: 'sql', paths: [path] })).rejects.toMatchObject({
      kind: 'sql',
      message: expect.stringMatching(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: not a text SQL file`)),
    });
  });

  it('refuses COPY ... TO PROGRAM with the file and line', async () => {
    const path = await scratchFile('program.sql', "CREATE TABLE a (id int PRIMARY KEY);\n\nCOPY a TO PROGRAM 'cat > /tmp/x';\n");
    await expect(openSource({ kind: 'sql', paths: [path] })).rejects.toMatchObject({
      kind: 'sql',
      message: `${path}:3: COPY ... PROGRAM runs a shell command, which a schema load never does; remove it from the file`,
    });
  });
});
