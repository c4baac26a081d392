import { mkdir, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputTarget, toJson, writeOutput } from '../../src/cli/outputs.js';
import { SchemaToMiroError } from '../../src/errors.js';
import { appendSummary } from '../../src/cli/summary.js';

describe('--out targets', () => {
  it('tells the format from the file name', () => {
    expect(outputTarget('schema.json').format).toBe('schema');
    expect(outputTarget('out/erd.layout.json').format).toBe('layout');
    expect(outputTarget('ERD.SVG').format).toBe('svg');
    expect(outputTarget('erd.html').format).toBe('html');
    expect(outputTarget('erd.png').format).toBe('png');
    expect(outputTarget('docs/schema.md').format).toBe('markdown');
    expect(outputTarget('erd.mmd').format).toBe('mermaid');
    expect(outputTarget('schema.dbml').format).toBe('dbml');
  });

  it('rejects a name with no known format as a usage error', () => {
    expect(() => outputTarget('erd.gif')).toThrow(SchemaToMiroError);
    expect(() => outputTarget('erd.gif')).toThrow(/\.json.*\.layout\.json.*\.svg.*\.html.*\.png.*\.md.*\.mmd.*\.dbml/);
  });

  it('writes atomically, creating folders, leaving no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 's2m-out-'));
    const path = join(dir, 'nested', 'model.json');
    await writeOutput(path, toJson({ b: 1, a: [1, 2] }));
    expect(await readFile(path, 'utf8')).toBe('{\n  "b": 1,\n  "a": [\n    1,\n    2\n  ]\n}\n');
    expect(await readdir(join(dir, 'nested'))).toEqual(['model.json']);
  });

  it('reports an unwritable path as an output error naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 's2m-out-'));
    const file = join(dir, 'a-file');
    await writeOutput(file, 'x');
    const inside = join(file, 'here.json');
    await expect(writeOutput(inside, '{}')).rejects.toMatchObject({
      kind: 'output',
      message: `cannot write ${inside}: a part of the path is a file, not a folder`,
    });
  });

  it('leaves no temporary file when the output is a folder, and names a folder that cannot be made', async () => {
    const dir = await mkdtemp(join(tmpdir(), 's2m-out-'));
    await mkdir(join(dir, 'erd.svg'));
    await expect(writeOutput(join(dir, 'erd.svg'), '<svg/>')).rejects.toMatchObject({ kind: 'output' });
    expect((await readdir(dir)).sort()).toEqual(['erd.svg']);
    await expect(writeOutput('/proc/no-such-folder/erd.svg', '<svg/>')).rejects.toMatchObject({
      kind: 'output',
      message: 'cannot write /proc/no-such-folder/erd.svg: the folder /proc/no-such-folder does not exist and cannot be created',
    });
    await expect(appendSummary('/proc/no-such-folder/summary.md', 'x')).rejects.toMatchObject({
      kind: 'output',
      message: 'cannot write the summary /proc/no-such-folder/summary.md: the folder /proc/no-such-folder does not exist and cannot be created',
    });
  });
});
