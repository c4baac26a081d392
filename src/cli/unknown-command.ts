/**
 * `schema-to-miro logn`: the main command takes no arguments, so a word is a mistyped command. It is
 * answered with the commands there are, and the closest one, as git does.
 */
import { SchemaToMiroError } from '../errors.js';
import { closeNames } from '../graph/suggest.js';

export function unknownCommandMessage(word: string, commands: readonly string[]): SchemaToMiroError {
  const close = closeNames(word, commands, 1);
  const hint = close.length > 0 ? `; did you mean ${close[0]}?` : `; the commands are ${commands.join(', ')}`;
  return new SchemaToMiroError('usage', `unknown command "${word}"${hint} (schema-to-miro --help lists the flags)`);
}
