/**
 * Ctrl-C (SIGINT) and a CI cancel (SIGTERM). Before the board is being written, the run stops at once:
 * nothing is half-done. While the sync writes, the first signal asks it to stop cleanly (no new writes,
 * the ones in flight finish, the board lock is removed, what was left undone is printed); a second signal
 * stops at once.
 */
import { ExitCode } from '../exit-codes.js';
import type { ProgressStream } from './progress.js';

export interface SignalSource {
  on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
}

export interface RunCancel {
  /** Aborted by the first signal that arrives while the board is being written. */
  readonly signal: AbortSignal;
  /** The signal received, for the exit code. */
  readonly received: 'SIGINT' | 'SIGTERM' | null;
  /** Marks the stretch in which a signal must let the sync stop cleanly instead of exiting. */
  writing<T>(work: () => Promise<T>): Promise<T>;
  dispose(): void;
}

export function exitCodeOfSignal(signal: 'SIGINT' | 'SIGTERM' | null): number {
  return signal === 'SIGTERM' ? ExitCode.terminated : ExitCode.interrupted;
}

export function listenForCancel(source: SignalSource, stderr: ProgressStream, exit: (code: number) => void): RunCancel {
  const controller = new AbortController();
  let received: 'SIGINT' | 'SIGTERM' | null = null;
  let writing = false;
  const on = (signal: 'SIGINT' | 'SIGTERM') => (): void => {
    if (received !== null || !writing) {
      stderr.write(`\nschema-to-miro: ${received !== null ? 'stopped at once' : 'cancelled'} (${signal})\n`);
      exit(exitCodeOfSignal(received ?? signal));
      return;
    }
    received = signal;
    stderr.write(
      `\nschema-to-miro: stopping (${signal}): no new board writes; waiting for the ones in flight, then removing the board lock (${signal === 'SIGINT' ? 'press Ctrl-C again' : 'signal again'} to stop at once)\n`,
    );
    controller.abort(signal);
  };
  const onInt = on('SIGINT');
  const onTerm = on('SIGTERM');
  source.on('SIGINT', onInt);
  source.on('SIGTERM', onTerm);
  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    async writing(work) {
      writing = true;
      try {
        return await work();
      } finally {
        writing = false;
      }
    },
    dispose() {
      source.off('SIGINT', onInt);
      source.off('SIGTERM', onTerm);
    },
  };
}
