/** What a connection has not sent yet; bounded so a stalled client cannot hold the replica's memory. */
export class PendingQueue<T> {
  private items: T[] = [];
  private head = 0;
  private overflowed = false;

  constructor(private readonly limit: number) {}

  push(item: T): void {
    if (this.items.length - this.head >= this.limit) {
      this.items = [];
      this.head = 0;
      this.overflowed = true;
    }
    this.items.push(item);
  }

  /** True once since the last call if items were dropped because the queue was full. */
  takeOverflow(): boolean {
    const overflowed = this.overflowed;
    this.overflowed = false;
    return overflowed;
  }

  /** The next item, or undefined if none is waiting. */
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head] as T;
    this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}
