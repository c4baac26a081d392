/** The command line run in-process (`main`), with its output captured: what the CLI tests drive. */
import { main } from '../../../src/cli/main.js';
import type { CliIO } from '../../../src/cli/run.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `schema-to-miro <args>` with a Miro token and API URL, in `work` (also its HOME and config folder). */
export async function runCli(args: string[], context: { work: string; token: string; apiUrl: string }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: { HOME: context.work, XDG_CONFIG_HOME: context.work, MIRO_ACCESS_TOKEN: context.token, MIRO_API_URL: context.apiUrl },
    cwd: context.work,
  };
  return { code: await main(['node', 'schema-to-miro', ...args], io), stdout, stderr };
}
