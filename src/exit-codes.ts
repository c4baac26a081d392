import type { ErrorKind } from './errors.js';

/** Exit codes a pipeline can act on; README.md documents the same table. */
export const ExitCode = {
  ok: 0,
  /** A bug: an error that is not one of ours. */
  internal: 1,
  usage: 2,
  database: 3,
  sql: 4,
  miroAuth: 5,
  miro: 6,
  output: 7,
  /** `--exit-code`: the run succeeded and changed the board's schema (like `git diff --exit-code`). */
  changed: 10,
  /** `--check`: the board is not in sync with the schema (nothing was written). */
  outOfSync: 11,
  /** Stopped by SIGINT (Ctrl-C): 128 + 2, as shells report it. */
  interrupted: 130,
  /** Stopped by SIGTERM (a CI cancel): 128 + 15. */
  terminated: 143,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export function exitCodeFor(kind: ErrorKind): ExitCodeValue {
  switch (kind) {
    case 'usage':
      return ExitCode.usage;
    case 'database':
      return ExitCode.database;
    case 'sql':
      return ExitCode.sql;
    case 'miro_auth':
      return ExitCode.miroAuth;
    case 'miro':
      return ExitCode.miro;
    case 'output':
      return ExitCode.output;
    case 'cancelled':
      return ExitCode.interrupted;
  }
}
