/**
 * A subscription's results pulled without a promise per result: the fan-out of one event to a thousand
 * connections spent much of the replica's time resuming an async generator and its consumer for every
 * connection (bench/realtime). A stream offering this under `readyResults` is still an async iterable for
 * tRPC's own handler; `direct-subscription.ts` writes what `poll` gives when `onReady` calls it.
 */
export interface ReadyResults<T> {
  /** The next result if one is ready now, else undefined; throws if the stream failed. */
  poll(): T | undefined;
  /** True once nothing more will be ready. */
  ended(): boolean;
  /** `listener` is called whenever `poll` may have something new, or the stream ended. */
  onReady(listener: () => void): void;
}

export const readyResults = Symbol("readyResults");

export function readyResultsOf(value: unknown): ReadyResults<unknown> | undefined {
  if (typeof value !== "object" || value === null || !(readyResults in value)) return undefined;
  return (value as { [readyResults]: ReadyResults<unknown> })[readyResults];
}
