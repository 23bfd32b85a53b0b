/**
 * Runs tasks one after another per key (and in parallel across keys). The join guard uses it so
 * that "check the budget → look the code up → count a failure" is one step per client address:
 * 500 concurrent guesses from one address cannot all pass the check before the first is
 * counted. An entry lives only while a task of its key is queued or running.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a queued or running task (for tests: the table must drain). */
  get size(): number {
    return this.tails.size;
  }
}
