/**
 * `--out <file>`: the file's name says what goes in it, so one run can write several.
 */
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SchemaToMiroError } from '../errors.js';

export type OutputFormat = 'schema' | 'layout' | 'svg' | 'html' | 'png' | 'markdown' | 'mermaid' | 'dbml';

export interface OutputTarget {
  path: string;
  format: OutputFormat;
}

const FORMATS: { suffix: string; format: OutputFormat }[] = [
  // Longest suffix first: `erd.layout.json` is a layout, not a schema model.
  { suffix: '.layout.json', format: 'layout' },
  { suffix: '.json', format: 'schema' },
  { suffix: '.svg', format: 'svg' },
  { suffix: '.html', format: 'html' },
  { suffix: '.htm', format: 'html' },
  { suffix: '.png', format: 'png' },
  { suffix: '.md', format: 'markdown' },
  { suffix: '.mmd', format: 'mermaid' },
  { suffix: '.dbml', format: 'dbml' },
];

/** Formats drawn from the laid-out scene; the others need only the schema model and the diagram. */
export function isDrawnFormat(format: OutputFormat): boolean {
  return format === 'layout' || format === 'svg' || format === 'html' || format === 'png';
}

export function outputTarget(path: string): OutputTarget {
  const lower = path.toLowerCase();
  const match = FORMATS.find((f) => lower.endsWith(f.suffix));
  if (!match) {
    throw new SchemaToMiroError(
      'usage',
      `--out ${path}: cannot tell the format from the name; use .json (schema model), .layout.json, .svg, .html, .png, .md, .mmd or .dbml`,
    );
  }
  return { path, format: match.format };
}

const WRITE_FAILURES: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EEXIST: 'a part of the path is a file, not a folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
};

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
export async function writeOutput(path: string, content: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  try {
    await ensureFolder(dir);
    await writeFile(temp, content, typeof content === 'string' ? 'utf8' : null);
    await rename(temp, path);
  } catch (error) {
    // Whatever failed, no temporary file is left beside the output.
    await rm(temp, { force: true }).catch(() => undefined);
    throw new SchemaToMiroError('output', `cannot write ${path}: ${writeFailure(error, dir)}`, { cause: error });
  }
}

/**
 * `mkdir -p`, one level at a time: Node's recursive mkdir never returns on some file systems (it loops on
 * `/proc`), and a folder that cannot be made must fail with ENOENT, not hang.
 */
export async function ensureFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if ((await stat(dir)).isDirectory()) return;
      throw error;
    }
    const parent = dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw error;
    await ensureFolder(parent);
    await mkdir(dir).catch((again: NodeJS.ErrnoException) => {
      if (again.code !== 'EEXIST') throw again;
    });
  }
}

/** Why a file could not be written, in words; a missing folder that could not be made is named. */
export function writeFailure(error: unknown, folder: string): string {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  if (code === 'ENOENT') return `the folder ${folder} does not exist and cannot be created`;
  return WRITE_FAILURES[code] ?? code;
}

/** Stable JSON: two-space indent and a final newline, so files diff well and stay byte-identical. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
