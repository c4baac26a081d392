/**
 * Entry point of the command line: parses argv, runs the command, and turns every failure into one line
 * on stderr and an exit code. Nothing here prints a stack trace unless SCHEMA_TO_MIRO_DEBUG is set.
 */
import { Command, CommanderError } from 'commander';
import { registerAuthCommands } from './commands/auth.js';
import { isSchemaToMiroError } from '../errors.js';
import { ExitCode, exitCodeFor } from './exit-codes.js';
import { addMainOptions, toRunOptions, type RawFlags } from './program.js';
import { createRedactor, secretsOf } from './redact.js';
import { runMain, type CliIO } from './run.js';

export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  const flagSecrets: { token?: string; db?: string } = {};
  let redact = createRedactor(secretsOf(io.env, flagSecrets));
  let runError: unknown = null;

  const program = new Command();
  program
    .name('schema-to-miro')
    .description(
      'Draw a PostgreSQL schema as an entity-relationship diagram on a Miro board, or as a local SVG/HTML preview.',
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(redact(text)),
      outputError: (text, write) => write(`schema-to-miro: ${text.replace(/^error: /, '')}`),
    })
    .showSuggestionAfterError();
  addMainOptions(program).action(async (flags: RawFlags) => {
    flagSecrets.token = flags.token;
    flagSecrets.db = flags.db;
    redact = createRedactor(secretsOf(io.env, flagSecrets));
    try {
      await runMain(toRunOptions(flags, io.env), io);
    } catch (error) {
      runError = error;
    }
  });
  registerAuthCommands(program, io);

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not failures; everything else commander rejects is a usage error it has printed.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    runError = error;
  }
  if (runError === null) return ExitCode.ok;
  return report(runError, io, redact);
}

function report(error: unknown, io: CliIO, redact: (text: string) => string): number {
  if (isSchemaToMiroError(error)) {
    io.stderr.write(`${redact(`schema-to-miro: ${oneLine(error.message)}`)}\n`);
    return exitCodeFor(error.kind);
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`${redact(`schema-to-miro: internal error: ${oneLine(message)} (please report this)`)}\n`);
  if (io.env.SCHEMA_TO_MIRO_DEBUG && error instanceof Error && error.stack) {
    io.stderr.write(`${redact(error.stack)}\n`);
  }
  return ExitCode.internal;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function defaultIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}
