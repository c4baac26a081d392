/**
 * Entry point of the command line: parses argv, runs the command, and turns every failure into one line
 * on stderr and an exit code. Nothing here prints a stack trace unless SCHEMA_TO_MIRO_DEBUG is set.
 */
import { createRequire } from 'node:module';
import { Command, CommanderError, type Option } from 'commander';
import { registerAuthCommands } from './commands/auth.js';
import { registerServeCommand } from './commands/serve.js';
import { isSchemaToMiroError } from '../errors.js';
import { loadProjectConfig } from '../config/index.js';
import { applyConfig } from './apply-config.js';
import { ExitCode } from '../exit-codes.js';
import { exitCodeOfSignal, listenForCancel } from './cancel.js';
import { addMainOptions, environmentFlags, toRunOptions, type ConfigOnlyOptions, type RawFlags } from './program.js';
import { createRedactor, redactingStream, secretsOf } from './redact.js';
import { failureOutcome, outcomeJson, outcomeOf, type RunOutcome } from './run-outcome.js';
import type { CliIO } from './run.js';
import { mainHelpFooter } from './help-text.js';
import { unknownCommandMessage } from './unknown-command.js';

/** The package's version: package.json is two folders up from both src/cli/ and dist/cli/. */
const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

export async function main(argv: string[], rawIO: CliIO = defaultIO()): Promise<number> {
  const flagSecrets: { token?: string; db?: string } = {};
  let redact = createRedactor(secretsOf(rawIO.env, { ...flagSecrets, ...secretFlagsIn(argv) }));
  // Every text that leaves the process passes the redactor, whichever stage or library wrote it.
  const io: CliIO = { ...rawIO, stdout: redactingStream(rawIO.stdout, () => redact), stderr: redactingStream(rawIO.stderr, () => redact) };
  let runError: unknown = null;
  let cancelledBy: 'SIGINT' | 'SIGTERM' | null = null;
  let outcome: RunOutcome | null = null;
  /** Known from argv before commander checks it, so that even a flag error is reported where asked. */
  let report = reportFlagsIn(argv);

  const program = new Command();
  program
    .name('schema-to-miro')
    .description(
      'Draw a PostgreSQL schema as an entity-relationship diagram on a Miro board, or as a local SVG/HTML preview.',
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`schema-to-miro: ${text.replace(/^error: /, '')}`),
    })
    .showSuggestionAfterError()
    .version(VERSION, '-V, --version', 'print the version and exit')
    .helpCommand('help [command]', 'show help for a command')
    // A word where no argument belongs is a mistyped command: answered as such below, not "too many arguments".
    .allowExcessArguments(true)
    .addHelpText('after', mainHelpFooter())
    .configureHelp({ optionDescription: describeOption });
  addMainOptions(program).action(async (flags: RawFlags, command: Command) => {
    if (command.args.length > 0) {
      runError = unknownCommandMessage(command.args[0]!, program.commands.map((c) => c.name()));
      return;
    }
    flagSecrets.token = flags.token;
    flagSecrets.db = flags.db;
    redact = createRedactor(secretsOf(io.env, flagSecrets));
    report = { json: flags.json, ...(flags.summary !== undefined ? { summaryPath: flags.summary } : {}) };
    try {
      const { flags: merged, configOnly } = await withConfig(flags, program, io);
      const options = toRunOptions(merged, io.env, configOnly);
      // The stages (and the engines they load) are imported only by a run, never by --help or --version.
      const { runMain } = await import('./run.js');
      const cancel = io.signals ? listenForCancel(io.signals, io.stderr, io.exit ?? ((code) => process.exit(code))) : undefined;
      try {
        outcome = outcomeOf(await runMain(options, io, cancel), options);
      } catch (error) {
        cancelledBy = cancel?.received ?? null;
        throw error;
      } finally {
        cancel?.dispose();
      }
    } catch (error) {
      runError = error;
    }
  });
  registerAuthCommands(program, io);
  registerServeCommand(program, io);
  program
    .command('doctor')
    .description(
      'read --board back and report what Miro did with our items (signatures, text, fonts, attach points); with --db/--sql, compare with the schema; writes nothing',
    )
    .action(async () => {
      // The main command's flags (--board, --db, --sql, --config, --token, --json) are read as global options.
      const flags = program.opts<RawFlags>();
      flagSecrets.token = flags.token;
      flagSecrets.db = flags.db;
      redact = createRedactor(secretsOf(io.env, flagSecrets));
      const { flags: merged, configOnly } = await withConfig(flags, program, io);
      // Like a run: the board, the client and the stages load with the command, not with --help.
      const { runDoctor } = await import('./commands/doctor.js');
      await runDoctor(merged, configOnly, io);
    });

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not failures; everything else commander rejects is a usage error it has printed.
      if (error.exitCode === 0) return ExitCode.ok;
      const message = redact(oneLine(error.message.replace(/^error: /, '')));
      return finish({ status: 'error', exitCode: ExitCode.usage, result: null, error: message }, report, io, redact);
    }
    runError = error;
  }
  if (runError !== null) {
    outcome = failureOutcome(runError, reportError(runError, io, redact, cancelledBy));
    if (isSchemaToMiroError(runError) && runError.kind === 'cancelled') outcome.exitCode = exitCodeOfSignal(cancelledBy);
  }
  if (outcome === null) return ExitCode.ok; // help, or a subcommand such as `auth`
  return finish(outcome, report, io, redact);
}

interface ReportFlags {
  json: boolean;
  summaryPath?: string;
}

/** `--json` and `--summary <file>` read from argv itself, for a run that fails before its flags are parsed. */
function reportFlagsIn(argv: readonly string[]): ReportFlags {
  const summaryPath = flagValueIn(argv, '--summary');
  return { json: argv.includes('--json'), ...(summaryPath !== undefined ? { summaryPath } : {}) };
}

/** The secrets a flag error may repeat before commander hands the flags over. */
function secretFlagsIn(argv: readonly string[]): { token?: string; db?: string } {
  const token = flagValueIn(argv, '--token');
  const db = flagValueIn(argv, '--db');
  return { ...(token !== undefined ? { token } : {}), ...(db !== undefined ? { db } : {}) };
}

function flagValueIn(argv: readonly string[], flag: string): string | undefined {
  let value: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === flag && i + 1 < argv.length) value = argv[i + 1];
    else if (arg.startsWith(`${flag}=`)) value = arg.slice(flag.length + 1);
  });
  return value;
}

/** The flags with the config file merged under them (flags typed on the command line win). */
async function withConfig(flags: RawFlags, command: Command, io: CliIO): Promise<{ flags: RawFlags; configOnly: ConfigOnlyOptions }> {
  const loaded = await loadProjectConfig({ ...(flags.config !== undefined ? { path: flags.config } : {}), cwd: io.cwd ?? process.cwd(), env: io.env });
  const typed = (flag: keyof RawFlags): boolean => command.getOptionValueSource(flag) === 'cli';
  // A value from the environment (`MIRO_BOARD`) is the caller's too: it wins over the config file.
  const fromEnvironment = environmentFlags(io.env, typed);
  const withEnvironment = { ...flags, ...fromEnvironment };
  const fromCommandLine = (flag: keyof RawFlags): boolean => typed(flag) || flag in fromEnvironment;
  return loaded === null ? { flags: withEnvironment, configOnly: {} } : applyConfig(withEnvironment, loaded.config, fromCommandLine);
}

/** `--json` on stdout and `--summary` in its file; a summary that cannot be written fails the run. */
async function finish(outcome: RunOutcome, report: ReportFlags, io: CliIO, redact: (text: string) => string): Promise<number> {
  let final = outcome;
  if (report.summaryPath !== undefined) {
    try {
      const { appendSummary, formatSummaryMarkdown } = await import('./summary.js');
      await appendSummary(report.summaryPath, redact(formatSummaryMarkdown(outcome)));
    } catch (error) {
      final = failureOutcome(error, error instanceof Error ? error.message : String(error));
      io.stderr.write(`schema-to-miro: ${final.error}\n`);
    }
  }
  if (report.json) io.stdout.write(`${JSON.stringify(outcomeJson(final), null, 2)}\n`);
  return final.exitCode;
}

/** Prints the error's one line on stderr and returns it (redacted) for `--json` and `--summary`. */
function reportError(error: unknown, io: CliIO, redact: (text: string) => string, signal: string | null): string {
  if (isSchemaToMiroError(error)) {
    const text = error.kind === 'cancelled' && signal !== null ? error.message.replace(/^cancelled\b/, `cancelled (${signal})`) : error.message;
    const message = redact(oneLine(text));
    io.stderr.write(`schema-to-miro: ${message}\n`);
    return message;
  }
  const message = redact(`internal error: ${oneLine(error instanceof Error ? error.message : String(error))} (please report this)`);
  io.stderr.write(`schema-to-miro: ${message}\n`);
  if (io.env.SCHEMA_TO_MIRO_DEBUG && error instanceof Error && error.stack) {
    io.stderr.write(`${redact(error.stack)}\n`);
  }
  return message;
}

/** Help text of a flag: its choices and a default worth reading (not the empty lists and `false`s). */
function describeOption(option: Option): string {
  const extra: string[] = [];
  if (option.argChoices) extra.push(`choices: ${option.argChoices.join(', ')}`);
  const value: unknown = option.defaultValue;
  const trivial = value === undefined || value === false || value === true || (Array.isArray(value) && value.length === 0);
  if (!trivial) extra.push(`default: ${option.defaultValueDescription ?? String(value)}`);
  return extra.length > 0 ? `${option.description} (${extra.join('; ')})` : option.description;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function defaultIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, signals: process };
}
