/** What a connection has not sent yet; bounded so a stalled client cannot hold the replica's memory. */
export class PendingQueue<T> {
  private items: T[] = [];
  private head = 0;
  private waiter: (() => void) | undefined;
  private overflowed = false;
  private watched: AbortSignal | undefined;

  constructor(private readonly limit: number) {}

  push(item: T): void {
    if (this.items.length - this.head >= this.limit) {
      this.items = [];
      this.head = 0;
      this.overflowed = true;
    }
    this.items.push(item);
    this.wake();
  }

  /** True once since the last call if items were dropped because the queue was full. */
  takeOverflow(): boolean {
    const overflowed = this.overflowed;
    this.overflowed = false;
    return overflowed;
  }

  /** The next item, or undefined once `signal` aborts. */
  async take(signal: AbortSignal | undefined): Promise<T | undefined> {
    // one abort listener per signal, not one added and removed per wait: a wait per event per connection
    if (signal && signal !== this.watched) {
      this.watched = signal;
      signal.addEventListener("abort", () => this.wake(), { once: true });
    }
    while (this.head >= this.items.length) {
      if (signal?.aborted) return undefined;
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
      });
    }
    const item = this.items[this.head] as T;
    this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }
}
