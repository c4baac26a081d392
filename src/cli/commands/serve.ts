/**
 * `schema-to-miro serve`: starts the board service (src/serve/) and runs until SIGTERM or SIGINT, which
 * stop it gracefully: no new jobs, running syncs finish, then the process exits.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { CONFIG_FILE_NAME, loadProjectConfig, SERVE_OPTIONS, type ServeOptionDeclaration } from '../../config/index.js';
import type { ServeFlags } from '../../serve/index.js';

export interface ServeCommandIo {
  env: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Commander's parser of a declared integer setting, within its bounds. */
function integerIn(option: Extract<ServeOptionDeclaration, { type: 'integer' }>) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < option.min || (option.max !== undefined && n > option.max)) {
      throw new InvalidArgumentError(`expected a whole number from ${option.min}${option.max !== undefined ? ` to ${option.max}` : ''}`);
    }
    return n;
  };
}

export function registerServeCommand(program: Command, io: ServeCommandIo): void {
  const command = program
    .command('serve')
    .description('run the board service for a team: Miro sign-in, boards kept current on request, webhook or schedule');
  for (const option of SERVE_OPTIONS as readonly ServeOptionDeclaration[]) {
    if (option.flag === undefined) continue;
    const help = 'default' in option && option.default !== undefined ? `${option.help} (default ${option.default})` : option.help;
    if (option.type === 'integer') command.option(option.flag, help, integerIn(option));
    else command.option(option.flag, help);
  }
  command
    .option('--config <file>', `config file with "serve" and "sources" (default: ${CONFIG_FILE_NAME} in the working folder)`)
    .action(async (_flags: unknown, command: Command) => {
      // `--config` is also the main command's flag: commander hands it to the parent, so read both levels.
      const flags = command.optsWithGlobals<ServeFlags & { config?: string }>();
      const loaded = await loadProjectConfig({ ...(flags.config !== undefined ? { path: flags.config } : {}), cwd: io.cwd ?? process.cwd() });
      // The service (Fastify, pg-boss, the store) is loaded by `serve` alone, never by another command or --help.
      const { resolveServeSettings, startServer } = await import('../../serve/index.js');
      const settings = resolveServeSettings(flags, loaded?.config ?? null, io.env);
      const server = await startServer(settings, { env: io.env });
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGTERM', stop);
          process.off('SIGINT', stop);
          server.stop().then(resolve, resolve);
        };
        process.on('SIGTERM', stop);
        process.on('SIGINT', stop);
      });
    });
}
