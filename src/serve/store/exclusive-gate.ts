/**
 * One holder at a time, in arrival order. The embedded store has a single connection: kysely's
 * transactions and the queue's statements pass through one gate so neither runs inside the other's.
 */
export class ExclusiveGate {
  #tail: Promise<void> = Promise.resolve();

  /** Waits for the gate and returns the function that opens it again. */
  async enter(): Promise<() => void> {
    let open!: () => void;
    const next = new Promise<void>((resolve) => {
      open = resolve;
    });
    const before = this.#tail;
    this.#tail = before.then(() => next);
    await before;
    return open;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const open = await this.enter();
    try {
      return await work();
    } finally {
      open();
    }
  }
}
