/**
 * `schema-to-miro serve`: starts the board service (src/serve/) and runs until SIGTERM or SIGINT, which
 * stop it gracefully: no new jobs, running syncs finish, then the process exits.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { CONFIG_FILE_NAME, loadProjectConfig } from '../../config/index.js';
import { DEFAULT_HOST, DEFAULT_PORT, resolveServeSettings, startServer, type ServeFlags } from '../../serve/index.js';

export interface ServeCommandIo {
  env: NodeJS.ProcessEnv;
  cwd?: string;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new InvalidArgumentError('expected a port number (0 to 65535)');
  return n;
}

export function registerServeCommand(program: Command, io: ServeCommandIo): void {
  program
    .command('serve')
    .description('run the board service for a team: Miro sign-in, boards kept current on request, webhook or schedule')
    .option('--port <n>', `port to listen on (default ${DEFAULT_PORT})`, port)
    .option('--host <address>', `address to listen on (default ${DEFAULT_HOST})`)
    .option('--config <file>', `config file with "serve" and "sources" (default: ${CONFIG_FILE_NAME} in the working folder)`)
    .option('--data-dir <folder>', 'folder of the embedded store (default: $XDG_DATA_HOME/schema-to-miro/serve)')
    .option('--store <url>', 'keep the store on this PostgreSQL instead (default: SCHEMA_TO_MIRO_STORE_URL)')
    .action(async (_flags: unknown, command: Command) => {
      // `--config` is also the main command's flag: commander hands it to the parent, so read both levels.
      const flags = command.optsWithGlobals<ServeFlags & { config?: string }>();
      const loaded = await loadProjectConfig({ ...(flags.config !== undefined ? { path: flags.config } : {}), cwd: io.cwd ?? process.cwd() });
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
