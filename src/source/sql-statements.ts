/**
 * Splits an SQL script into statements, remembering the line each starts on, so a statement that fails
 * to load can be reported as `file:line`. Understands what can hide a semicolon: 'strings' (with ''),
 * E'escape\' strings', "identifiers", $tag$ dollar quotes $tag$, -- line comments and nested block comments.
 *
 * psql-isms in dumps are handled as psql would: a backslash meta-command line (`\connect`, `\restrict`)
 * is skipped, and `COPY ... FROM stdin;` is returned with its data (up to `\.`) so the loader can skip both.
 *
 * A SQL-standard function body (`CREATE FUNCTION ... BEGIN ATOMIC ...; ...; END`, PostgreSQL 14+) holds
 * semicolons of its own; it is kept whole by psql's rule (psqlscan.l): in a statement that starts with
 * `CREATE [OR REPLACE] FUNCTION|PROCEDURE`, outside parentheses, `BEGIN` opens a block, `CASE` inside one
 * opens another, and `END` closes one; a semicolon ends the statement only outside every block.
 */

export interface SqlStatement {
  /** The statement text without its trailing semicolon (comments inside are kept). */
  text: string;
  /** 1-based line of the statement's first significant character. */
  line: number;
  /** 0-based offset of `text` in the script. */
  offset: number;
  /** True for `COPY ... FROM stdin`, whose inline data followed it in the script. */
  copyFromStdin: boolean;
}

/** A psql meta-command line (`\\i file.sql`, `\\connect db`), and where it stood among the statements. */
export interface MetaCommand {
  /** The whole line, from the backslash. */
  text: string;
  line: number;
  /** How many statements came before it in the script. */
  before: number;
}

const COPY_FROM_STDIN = /^\s*copy\b[\s\S]*\bfrom\s+stdin\b/i;
const IDENTIFIER = /[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/y;

/** psql's heuristic for BEGIN ... END blocks in a function body: the state of the current statement. */
class AtomicBlocks {
  private leading = '';
  private words = 0;
  private parens = 0;
  depth = 0;

  reset(): void {
    this.leading = '';
    this.words = 0;
    this.parens = 0;
    this.depth = 0;
  }

  paren(delta: 1 | -1): void {
    this.parens = Math.max(0, this.parens + delta);
  }

  word(word: string): void {
    const lower = word.toLowerCase();
    // The first letters of the leading CREATE / OR / REPLACE / FUNCTION / PROCEDURE words, as psql keeps them.
    if (this.words < 4) this.leading += ['create', 'function', 'procedure', 'or', 'replace'].includes(lower) ? lower[0] : '-';
    this.words++;
    if (!/^c(f|p|orf|orp)/.test(this.leading) || this.parens > 0) return;
    if (lower === 'begin') this.depth++;
    else if (lower === 'case' && this.depth > 0) this.depth++;
    else if (lower === 'end' && this.depth > 0) this.depth--;
  }
}

/** Index just past a dollar-quote opening `$tag$` at `start`, or -1 when `$` starts no dollar quote. */
function dollarTagEnd(script: string, start: number): number {
  const match = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(script.slice(start, start + 64));
  return match ? start + match[0].length : -1;
}

export function splitSqlStatements(script: string): SqlStatement[] {
  return splitSqlScript(script).statements;
}

/** The statements of a script, and its psql meta-commands (which the loader follows or reports). */
export function splitSqlScript(script: string): { statements: SqlStatement[]; metaCommands: MetaCommand[] } {
  const statements: SqlStatement[] = [];
  const metaCommands: MetaCommand[] = [];
  let line = 1;
  let start = -1; // offset of the current statement's first significant character
  let startLine = 1;
  let i = 0;
  const n = script.length;
  const blocks = new AtomicBlocks();

  /** Ends the current statement at `end`; returns it when there was one. */
  const finish = (end: number): SqlStatement | undefined => {
    let statement: SqlStatement | undefined;
    if (start >= 0) {
      const text = script.slice(start, end).trimEnd();
      if (text.length > 0) {
        statement = { text, line: startLine, offset: start, copyFromStdin: COPY_FROM_STDIN.test(text) };
        statements.push(statement);
      }
    }
    start = -1;
    blocks.reset();
    return statement;
  };
  const begin = (): void => {
    if (start < 0) {
      start = i;
      startLine = line;
    }
  };
  /** Advances to `to`, counting newlines. */
  const advance = (to: number): void => {
    for (; i < to && i < n; i++) if (script.charCodeAt(i) === 10) line++;
  };

  while (i < n) {
    const ch = script[i] as string;
    const next = script[i + 1];
    if (ch === '\n') {
      line++;
      i++;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f') {
      i++;
      continue;
    }
    if (ch === '-' && next === '-') {
      const end = script.indexOf('\n', i);
      advance(end < 0 ? n : end);
      continue;
    }
    if (ch === '/' && next === '*') {
      let depth = 0;
      let j = i;
      while (j < n) {
        if (script[j] === '/' && script[j + 1] === '*') {
          depth++;
          j += 2;
        } else if (script[j] === '*' && script[j + 1] === '/') {
          depth--;
          j += 2;
          if (depth === 0) break;
        } else j++;
      }
      advance(j);
      continue;
    }
    // A psql meta-command: a backslash at the start of a statement runs to the end of the line.
    if (ch === '\\' && start < 0) {
      const end = script.indexOf('\n', i);
      metaCommands.push({ text: script.slice(i, end < 0 ? n : end).trim(), line, before: statements.length });
      advance(end < 0 ? n : end);
      continue;
    }
    begin();
    if (ch === ';' && blocks.depth > 0) {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      blocks.paren(ch === '(' ? 1 : -1);
      i++;
      continue;
    }
    if (/[A-Za-z_\u0080-\uffff]/.test(ch)) {
      IDENTIFIER.lastIndex = i;
      const word = IDENTIFIER.exec(script)![0];
      blocks.word(word);
      i += word.length;
      // `E'...'`: the string right after the word is read below, with the word's last letter before it.
      continue;
    }
    if (ch === ';') {
      const finished = finish(i);
      i++;
      if (finished?.copyFromStdin) {
        // Skip the inline COPY data, up to and including the `\.` line.
        const terminator = /^\\\.\r?$/m;
        const rest = script.slice(i);
        const found = terminator.exec(rest);
        advance(found ? i + found.index + found[0].length : n);
      }
      continue;
    }
    if (ch === "'") {
      // E'...' strings allow backslash escapes; standard strings only ''.
      const prev = i > 0 ? script[i - 1] : '';
      const escapes = (prev === 'E' || prev === 'e') && !/[A-Za-z0-9_]/.test(i > 1 ? (script[i - 2] as string) : '');
      let j = i + 1;
      while (j < n) {
        const c = script[j];
        if (escapes && c === '\\') j += 2;
        else if (c === "'") {
          if (script[j + 1] === "'") j += 2;
          else break;
        } else j++;
      }
      advance(j + 1);
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      while (j < n) {
        if (script[j] === '"') {
          if (script[j + 1] === '"') j += 2;
          else break;
        } else j++;
      }
      advance(j + 1);
      continue;
    }
    if (ch === '$' && !(i > 0 && /[A-Za-z0-9_]/.test(script[i - 1] as string))) {
      const tagEnd = dollarTagEnd(script, i);
      if (tagEnd > 0) {
        const tag = script.slice(i, tagEnd);
        const close = script.indexOf(tag, tagEnd);
        advance(close < 0 ? n : close + tag.length);
        continue;
      }
    }
    i++;
  }
  finish(n);
  return { statements, metaCommands };
}

/** 1-based line of a 1-based character position (PostgreSQL's error `position`) inside a statement. */
export function lineOfPosition(statement: SqlStatement, position: number): number {
  const before = statement.text.slice(0, Math.max(0, position - 1));
  let extra = 0;
  for (let k = 0; k < before.length; k++) if (before.charCodeAt(k) === 10) extra++;
  return statement.line + extra;
}
