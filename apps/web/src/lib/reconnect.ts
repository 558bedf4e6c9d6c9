const firstDelayMs = 500;
const maxDelayMs = 5_000;

/**
 * How long to wait before reconnect attempt `attempt` (0 first): doubling from half a second, capped at 5 s so
 * that a server back after a restart is found within seconds. Each delay is drawn between half and all of its
 * ceiling, so clients dropped by the same restart do not all return in the same instant.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxDelayMs, firstDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * The wait after the server refused the connection (too many open for this user, or not authenticated in
 * time): long, between 15 and 30 s, so a tab over the limit does not knock again every half second.
 */
export function refusedDelayMs(random: () => number = Math.random): number {
  return Math.round(15_000 + random() * 15_000);
}

type SetTimer = (run: () => void, ms: number) => () => void;

const defaultTimer: SetTimer = (run, ms) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

/** The wait before each reconnect attempt, which the page can cut short when trying again is worth it. */
export interface ReconnectGate {
  /** Waits the delay of the next attempt; resolves at once on `wake`. */
  wait(): Promise<void>;
  /** A connection opened: the next drop starts again from the first delay. */
  opened(): void;
  /** The server closed the connection refusing it (`isRefusedConnection`): the next wait is a long one. */
  refused(): void;
  /** Tries again now if an attempt is waiting (the tab came back into view, the browser went online). */
  wake(): void;
}

export function createReconnectGate(
  options: { delayMs?: (attempt: number) => number; refusedMs?: () => number; setTimer?: SetTimer } = {},
): ReconnectGate {
  const delayMs = options.delayMs ?? reconnectDelayMs;
  const refusedMs = options.refusedMs ?? refusedDelayMs;
  const setTimer = options.setTimer ?? defaultTimer;
  let attempt = 0;
  let wasRefused = false;
  let waiting: { resolve: () => void; cancel: () => void } | undefined;

  const release = () => {
    const current = waiting;
    waiting = undefined;
    current?.cancel();
    current?.resolve();
  };

  return {
    wait() {
      release();
      const ms = wasRefused ? refusedMs() : delayMs(attempt);
      wasRefused = false;
      attempt += 1;
      return new Promise<void>((resolve) => {
        const entry = { resolve, cancel: () => {} };
        waiting = entry;
        entry.cancel = setTimer(() => {
          if (waiting === entry) waiting = undefined;
          resolve();
        }, ms);
      });
    },
    opened() {
      attempt = 0;
    },
    refused() {
      wasRefused = true;
    },
    wake: release,
  };
}

/** Minimal view of `window` and `document` for `wakeOnReturn`. */
export interface PageEvents {
  window: Pick<EventTarget, "addEventListener" | "removeEventListener">;
  document: Pick<EventTarget, "addEventListener" | "removeEventListener"> & { visibilityState: string };
}

/** Wakes the gate when the browser goes online or the tab becomes visible. Returns the function that stops. */
export function wakeOnReturn(gate: Pick<ReconnectGate, "wake">, page: PageEvents): () => void {
  const onOnline = () => gate.wake();
  const onVisibility = () => {
    if (page.document.visibilityState === "visible") gate.wake();
  };
  page.window.addEventListener("online", onOnline);
  page.document.addEventListener("visibilitychange", onVisibility);
  return () => {
    page.window.removeEventListener("online", onOnline);
    page.document.removeEventListener("visibilitychange", onVisibility);
  };
}

/**
 * Calls `listener` when the browser goes offline or back online (`navigator.onLine` then tells which), so the
 * app can say so at once instead of waiting for the socket to notice. Returns the function that stops.
 */
export function onConnectivityChange(
  window: Pick<EventTarget, "addEventListener" | "removeEventListener">,
  listener: () => void,
): () => void {
  window.addEventListener("offline", listener);
  window.addEventListener("online", listener);
  return () => {
    window.removeEventListener("offline", listener);
    window.removeEventListener("online", listener);
  };
}

/** What the socket's state means to the person using the app: live updates paused while it reconnects. */
export function isReconnecting(state: { state: string; error: unknown }): boolean {
  // "connecting" with no error is the first connection (or one opened again after idling), not a lost one
  return state.state === "connecting" && state.error !== null && state.error !== undefined;
}
