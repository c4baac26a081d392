/**
 * The saved initdb data folder, as a plain ustar archive that we write and read ourselves.
 *
 * PGlite's own `loadDataDir` gunzips the archive into chunks, joins them, slices every file out of the
 * result and copies each slice into its in-memory file system: four copies of a 30-40 MB folder alive at
 * once, 100+ MB of peak memory for nothing. Here the archive is read once into one buffer and every file
 * of the in-memory file system is a view into that buffer (emscripten's `canOwn`), so loading costs the
 * folder's size once. Saving streams the files to disk through one small buffer instead of building the
 * archive in memory.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MemoryFS, PGlite } from '@electric-sql/pglite';

/** The emscripten file-system calls used here (PGlite's typings leave `FS` untyped). */
interface EmscriptenFs {
  mkdirTree(path: string, mode?: number): void;
  writeFile(path: string, data: Uint8Array, options: { canOwn: boolean }): void;
  chmod(path: string, mode: number): void;
  readdir(path: string): string[];
  stat(path: string): { mode: number; size: number };
  isDir(mode: number): boolean;
  isFile(mode: number): boolean;
  open(path: string, flags: string): EmscriptenStream;
  read(stream: EmscriptenStream, buffer: Uint8Array, offset: number, length: number, position: number): number;
  close(stream: EmscriptenStream): void;
}
type EmscriptenStream = object;
type EmscriptenOptions = Parameters<MemoryFS['init']>[1];
type PreRun = NonNullable<EmscriptenOptions['preRun']>[number];

const BLOCK = 512;

export interface SnapshotEntry {
  /** Path inside the data folder, without a leading slash. */
  path: string;
  directory: boolean;
  mode: number;
  data: Uint8Array;
}

function text(block: Uint8Array, offset: number, length: number): string {
  let end = offset;
  while (end < offset + length && block[end] !== 0) end++;
  return Buffer.from(block.buffer, block.byteOffset + offset, end - offset).toString('utf8');
}

function octal(block: Uint8Array, offset: number, length: number): number {
  const digits = text(block, offset, length).trim();
  if (!/^[0-7]+$/.test(digits)) throw new Error('not a ustar archive');
  return parseInt(digits, 8);
}

function checksum(block: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
  return sum;
}

/** The archive's entries; every `data` is a view into `archive`, not a copy. Throws on a damaged archive. */
export function readSnapshot(archive: Uint8Array): SnapshotEntry[] {
  const entries: SnapshotEntry[] = [];
  let at = 0;
  for (;;) {
    if (at + BLOCK > archive.length) throw new Error('archive ends early');
    const header = archive.subarray(at, at + BLOCK);
    if (header.every((byte) => byte === 0)) return entries;
    if (text(header, 257, 6) !== 'ustar' || octal(header, 148, 8) !== checksum(header)) throw new Error('not a ustar archive');
    const name = text(header, 0, 100);
    const prefix = text(header, 345, 155);
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    at += BLOCK;
    if (at + size > archive.length) throw new Error('archive ends early');
    const path = (prefix ? `${prefix}/${name}` : name).replace(/^\/+|\/+$/g, '');
    if (type === '5' || type === '0') {
      entries.push({ path, directory: type === '5', mode: octal(header, 100, 8), data: archive.subarray(at, at + size) });
    } else {
      throw new Error(`unexpected entry type ${JSON.stringify(type)}`);
    }
    at += Math.ceil(size / BLOCK) * BLOCK;
  }
}

function header(path: string, mode: number, size: number, directory: boolean): Buffer {
  const block = Buffer.alloc(BLOCK);
  const bytes = Buffer.byteLength(path);
  let name = path;
  let prefix = '';
  if (bytes > 100) {
    const cut = path.lastIndexOf('/', 155);
    if (cut <= 0 || Buffer.byteLength(path.slice(cut + 1)) > 100) throw new Error(`path too long for ustar: ${path}`);
    prefix = path.slice(0, cut);
    name = path.slice(cut + 1);
  }
  block.write(name, 0, 100, 'utf8');
  block.write(`${(mode & 0o7777).toString(8).padStart(7, '0')}\0`, 100, 'ascii');
  block.write('0000000\0', 108, 'ascii');
  block.write('0000000\0', 116, 'ascii');
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  block.write(`${'0'.repeat(11)}\0`, 136, 'ascii');
  block.write(directory ? '5' : '0', 156, 'ascii');
  block.write('ustar\0' + '00', 257, 'ascii');
  block.write(prefix, 345, 155, 'utf8');
  block.write(`${checksum(block).toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

/**
 * PGlite's in-memory file system, filled from a snapshot before PostgreSQL starts (PGlite then finds a
 * data folder and resumes instead of running initdb), and able to save its data folder afterwards.
 */
export class SnapshotMemoryFS extends MemoryFS {
  #fs: EmscriptenFs | null = null;

  constructor(private readonly snapshot: SnapshotEntry[] | null) {
    super();
  }

  override async init(pg: PGlite, options: EmscriptenOptions): Promise<{ emscriptenOpts: EmscriptenOptions }> {
    const { emscriptenOpts } = await super.init(pg, options);
    const fill: PreRun = (mod) => {
      const fs: EmscriptenFs = mod.FS;
      this.#fs = fs;
      if (this.snapshot !== null) restore(fs, this.snapshot);
    };
    return { emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), fill] } };
  }

  /** Writes the data folder as a ustar archive to `file` (synchronously, through one 1 MB buffer). */
  saveDataFolder(file: string): void {
    const fs = this.#fs;
    if (fs === null) throw new Error('PGlite has not started');
    const fd = openSync(file, 'w');
    try {
      const chunk = new Uint8Array(1 << 20);
      const walk = (relative: string): void => {
        const absolute = relative ? `${PGlite.paths.PGDATA}/${relative}` : PGlite.paths.PGDATA;
        for (const name of fs.readdir(absolute).sort()) {
          if (name === '.' || name === '..') continue;
          const path = relative ? `${relative}/${name}` : name;
          const full = `${absolute}/${name}`;
          const { mode, size } = fs.stat(full);
          if (fs.isDir(mode)) {
            writeSync(fd, header(path, mode, 0, true));
            walk(path);
          } else if (fs.isFile(mode)) {
            writeSync(fd, header(path, mode, size, false));
            const stream = fs.open(full, 'r');
            try {
              for (let done = 0; done < size; ) {
                const read = fs.read(stream, chunk, 0, Math.min(chunk.length, size - done), done);
                if (read <= 0) throw new Error(`short read of ${path}`);
                writeSync(fd, chunk, 0, read);
                done += read;
              }
            } finally {
              fs.close(stream);
            }
            const padding = (BLOCK - (size % BLOCK)) % BLOCK;
            if (padding > 0) writeSync(fd, new Uint8Array(padding));
          }
        }
      };
      walk('');
      writeSync(fd, new Uint8Array(2 * BLOCK));
    } finally {
      closeSync(fd);
    }
  }
}

function restore(fs: EmscriptenFs, entries: readonly SnapshotEntry[]): void {
  const root = PGlite.paths.PGDATA;
  fs.mkdirTree(root, 0o700);
  for (const entry of entries) {
    const path = entry.path ? `${root}/${entry.path}` : root;
    if (entry.directory) {
      fs.mkdirTree(path, entry.mode);
      continue;
    }
    fs.mkdirTree(path.slice(0, path.lastIndexOf('/')));
    fs.writeFile(path, entry.data, { canOwn: true });
    fs.chmod(path, entry.mode);
  }
}

/** Writes the entries into a folder on disk (a data folder that PGlite then opens from there). */
export async function writeSnapshotFolder(entries: readonly SnapshotEntry[], folder: string): Promise<void> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  for (const entry of entries) {
    const path = join(folder, entry.path);
    if (entry.directory) {
      await mkdir(path, { recursive: true, mode: entry.mode & 0o7777 });
      continue;
    }
    await writeFile(path, entry.data, { mode: entry.mode & 0o7777 });
    await chmod(path, entry.mode & 0o7777);
  }
}
