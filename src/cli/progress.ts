/**
 * Progress on stderr. On a terminal one line redraws in place; elsewhere (CI logs, pipes) each step
 * prints one line when it ends, plus a plain line now and then for long steps, so logs stay short.
 */

import type { Progress } from '../pipeline.js';

export type { Progress, ProgressStep } from '../pipeline.js';

export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/** How often a non-terminal log gets a line during a long step. */
const PLAIN_UPDATE_EVERY_MS = 10_000;
const TTY_REDRAW_EVERY_MS = 80;
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function createProgress(stream: ProgressStream, options: { quiet?: boolean; now?: () => number } = {}): Progress {
  const now = options.now ?? Date.now;
  if (options.quiet) return { step: () => ({ update() {}, finish() {} }), info() {}, interactive: false };
  const tty = stream.isTTY === true;

  return {
    interactive: tty,
    info(line) {
      stream.write(tty ? `\r\x1b[2K${line}\n` : `${line}\n`);
    },
    step(label) {
      const started = now();
      let lastDraw = 0;
      let frame = 0;
      const elapsed = () => `${((now() - started) / 1000).toFixed(1)}s`;
      return {
        update(done, total) {
          const t = now();
          const counts = total === undefined ? `${done}` : `${done}/${total}`;
          if (tty) {
            if (t - lastDraw < TTY_REDRAW_EVERY_MS) return;
            lastDraw = t;
            frame = (frame + 1) % SPINNER.length;
            stream.write(`\r\x1b[2K${SPINNER[frame]} ${label} ${counts}`);
          } else if (t - lastDraw >= PLAIN_UPDATE_EVERY_MS && t - started >= PLAIN_UPDATE_EVERY_MS) {
            lastDraw = t;
            stream.write(`${label}: ${counts} (${elapsed()})\n`);
          }
        },
        finish(summary) {
          const text = `${label}${summary ? `: ${summary}` : ''} (${elapsed()})`;
          stream.write(tty ? `\r\x1b[2K✔ ${text}\n` : `${text}\n`);
        },
      };
    },
  };
}
