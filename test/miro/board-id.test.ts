import { describe, expect, it } from 'vitest';
import { parseBoardId } from '../../src/miro/board-id.js';
import { SchemaToMiroError } from '../../src/errors.js';

describe('parseBoardId', () => {
  it.each([
    ['uXjVOD6LSME=', 'uXjVOD6LSME='],
    ['  uXjVOD6LSME=  ', 'uXjVOD6LSME='],
    ['o9J_lJxXvEU=', 'o9J_lJxXvEU='],
    ['uXjVOD6LSME%3D', 'uXjVOD6LSME='],
    ['https://miro.com/app/board/uXjVOD6LSME=/', 'uXjVOD6LSME='],
    ['https://miro.com/app/board/uXjVOD6LSME=/?share_link_id=123456789', 'uXjVOD6LSME='],
    ['https://miro.com/app/board/uXjVOD6LSME=', 'uXjVOD6LSME='],
    ['https://miro.com/app/board/uXjVOD6LSME%3D/?moveToWidget=345&cot=14', 'uXjVOD6LSME='],
    ['miro.com/app/board/uXjVOD6LSME=/', 'uXjVOD6LSME='],
    ['https://acme.miro.com/app/board/uXjVOD6LSME=/', 'uXjVOD6LSME='],
    ['https://miro.com/app/live-embed/uXjVOD6LSME=/?embedMode=view_only', 'uXjVOD6LSME='],
  ])('reads %s', (input, expected) => {
    expect(parseBoardId(input)).toBe(expected);
  });

  it.each([
    [''],
    ['   '],
    ['https://example.com/app/board/uXjVOD6LSME=/'],
    ['https://miro.com/app/dashboard/'],
    ['https://miro.com/app/board/'],
    ['ftp://miro.com/app/board/uXjVOD6LSME=/'],
    ['board id with spaces'],
    ['uXjV/OD6'],
    ['https://miro.com.evil.example/app/board/uXjVOD6LSME=/'],
  ])('refuses %j with a usage error', (input) => {
    let caught: unknown;
    try {
      parseBoardId(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SchemaToMiroError);
    expect((caught as SchemaToMiroError).kind).toBe('usage');
    expect((caught as SchemaToMiroError).message).toMatch(/board/);
    expect((caught as SchemaToMiroError).message).not.toContain('\n');
  });
});
