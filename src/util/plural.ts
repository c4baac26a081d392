/** `1 table`, `2 tables`: every count a person reads is spelled for its number. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
