import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, isTTY, write: (chunk: string) => chunks.push(chunk) };
}

describe('progress', () => {
  it('is line-based and quiet when not a terminal: one line per finished step', () => {
    let t = 0;
    const out = stream(false);
    const progress = createProgress(out, { now: () => t });
    const step = progress.step('sync board');
    for (let i = 1; i <= 100; i++) {
      t += 10;
      step.update(i, 100);
    }
    step.finish('12 created');
    expect(out.chunks).toEqual(['sync board: 12 created (1.0s)\n']);
    expect(out.chunks.join('')).not.toContain('\r');
  });

  it('prints an occasional plain line during a long step when not a terminal', () => {
    let t = 0;
    const out = stream(false);
    const step = createProgress(out, { now: () => t }).step('sync board');
    t = 11_000;
    step.update(5, 10);
    t = 12_000;
    step.update(6, 10);
    expect(out.chunks).toEqual(['sync board: 5/10 (11.0s)\n']);
  });

  it('redraws one line in place on a terminal', () => {
    let t = 0;
    const out = stream(true);
    const step = createProgress(out, { now: () => t }).step('layout');
    t = 100;
    step.update(1, 2);
    t = 200;
    step.finish();
    expect(out.chunks[0]).toMatch(/^\r\x1b\[2K. layout 1\/2$/);
    expect(out.chunks[1]).toBe('\r\x1b[2K✔ layout (0.2s)\n');
  });

  it('prints nothing when quiet', () => {
    const out = stream(true);
    const progress = createProgress(out, { quiet: true });
    progress.step('x').finish('y');
    progress.info('z');
    expect(out.chunks).toEqual([]);
  });
});
