/**
 * At most `perTurn` connections write per turn of the event loop; the others wait, in order, for the following
 * turns. A connection let through writes everything it has ready in that turn (`turn()` tells it whether it
 * still holds the current one), so its frames leave in one write (`coalesce-writes.ts`).
 *
 * Node accepts one new connection per turn of its loop (an strace of the replica shows one `accept4` per
 * wake-up), so a replica that writes an event to a thousand connections in one turn, several times per second,
 * accepts a few connections per second: under the realtime bench its listen queue filled up (511) and webhooks
 * were refused with connect timeouts. Spread over turns, the same writes leave I/O (new connections, HTTP
 * requests, database answers) a turn every `perTurn` connections. Two other units were tried in the bench:
 * a turn per frame (one write per frame instead of one per connection and turn tripled the time in `writev`),
 * and a number of frames per turn (connections let through until it was spent: three times the latency).
 */
export function createTurnBudget(perTurn: number) {
  let used = 0;
  let turn = 0;
  let scheduled = false;
  let waiting: Array<() => void> = [];
  let head = 0;

  function nextTurn(): void {
    scheduled = false;
    used = 0;
    turn += 1;
    while (used < perTurn && head < waiting.length) {
      const resolve = waiting[head] as () => void;
      head += 1;
      used += 1;
      resolve();
    }
    if (head === waiting.length) {
      waiting = [];
      head = 0;
    } else if (head > 1024 && head * 2 > waiting.length) {
      waiting = waiting.slice(head);
      head = 0;
    }
    // those just let through count against this turn: the next one starts afresh
    if (used > 0) schedule();
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(nextTurn);
  }

  return {
    /** Undefined when the caller may write now, or a promise that resolves when it may. */
    take(): Promise<void> | undefined {
      if (used < perTurn && head === waiting.length) {
        used += 1;
        schedule();
        return undefined;
      }
      return new Promise<void>((resolve) => {
        waiting.push(resolve);
        schedule();
      });
    },
    /** The current turn: a caller let through in it may keep writing until it changes. */
    turn: () => turn,
    /** Callers waiting for a later turn. */
    waiting: () => waiting.length - head,
  };
}

export type TurnBudget = ReturnType<typeof createTurnBudget>;
