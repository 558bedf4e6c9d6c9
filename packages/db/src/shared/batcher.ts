export interface BatcherOptions {
  /** The longest an item waits for others before its batch is run (default 2 ms). */
  windowMs?: number;
  /** A batch this large is run at once (default 200). */
  maxBatch?: number;
}

export interface Batcher<In, Out> {
  /** Resolves with this item's own result once its batch has run, or rejects with the batch's error. */
  add(item: In): Promise<Out>;
  /** Runs what is waiting and waits until every batch run so far is answered. */
  flush(): Promise<void>;
}

interface Waiter<In, Out> {
  item: In;
  resolve: (result: Out) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items added within `windowMs` of each other go to `run` together, which answers one
 * result per item, in order. `run` must be all or nothing (one statement): a batch that fails is run again
 * item by item, so one bad item fails alone instead of failing its batch-mates on every redelivery.
 */
export function createBatcher<In, Out>(
  run: (items: In[]) => Promise<Out[]>,
  options: BatcherOptions = {},
): Batcher<In, Out> {
  const windowMs = options.windowMs ?? 2;
  const maxBatch = options.maxBatch ?? 200;
  let waiting: Array<Waiter<In, Out>> = [];
  let timer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<void>>();

  async function runBatch(batch: Array<Waiter<In, Out>>): Promise<void> {
    try {
      const results = await run(batch.map((waiter) => waiter.item));
      if (results.length !== batch.length) {
        throw new Error(`a batch of ${batch.length} answered ${results.length} results`);
      }
      for (const [index, waiter] of batch.entries()) waiter.resolve(results[index] as Out);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      await Promise.all(batch.map((waiter) => runBatch([waiter])));
    }
  }

  function send(): void {
    clearTimeout(timer);
    timer = undefined;
    const batch = waiting;
    waiting = [];
    const sent = runBatch(batch).finally(() => inFlight.delete(sent));
    inFlight.add(sent);
  }

  return {
    add(item) {
      return new Promise<Out>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        if (waiting.length >= maxBatch) send();
        else timer ??= setTimeout(send, windowMs);
      });
    },

    async flush() {
      if (waiting.length > 0) send();
      await Promise.all([...inFlight]);
    },
  };
}
