/** The environment as the auth stage reads it: injectable so that tests never touch `process.env`. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Milliseconds since the epoch; injectable so that tests can move time forward. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/** A variable's value, or undefined when it is unset or blank (an empty `MIRO_ACCESS_TOKEN=` means "none"). */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}
